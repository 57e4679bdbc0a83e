package io.wescrm.web.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Test helper: JSON over real HTTP, asserting the status. By default it authenticates as the test profile's admin
 * ({@code scrm.security.bootstrap-admin} in application-test.yml) with a personal access token made once per server;
 * {@link #as} and {@link #anonymous} give other identities. Every API call of a test goes through here, so that the
 * way tests authenticate is one place.
 */
public final class Api {

  public static final HttpClient HTTP = HttpClient.newHttpClient();
  public static final ObjectMapper JSON = new ObjectMapper();
  public static final String ADMIN = "test-admin";
  public static final String ADMIN_PASSWORD = "test-admin-password-1";

  private static final Map<String, String> ADMIN_TOKENS = new ConcurrentHashMap<>();

  /** Marks the default identity: the test admin's token, fetched from the server at the first API call. */
  private static final String AS_ADMIN = "admin";

  private final String base;
  private final String authorization;
  private HttpClient client = HTTP;
  private boolean csrfHeader;

  /** As the test admin (for this server's {@code /api} and {@code /actuator} paths; others, e.g. the simulator's, get no credentials). */
  public Api(String base) {
    this(base, AS_ADMIN);
  }

  private Api(String base, String authorization) {
    this.base = base;
    this.authorization = authorization;
  }

  /** With HTTP Basic (enabled in the test profile) as {@code username}. */
  public static Api as(String base, String username, String password) {
    return new Api(base, basic(username, password));
  }

  /** With a personal access token. */
  public static Api bearer(String base, String token) {
    return new Api(base, "Bearer " + token);
  }

  /**
   * A console session: logs in with {@code POST /api/auth/login} and keeps the cookies (session, XSRF-TOKEN); sends
   * the CSRF header {@code X-XSRF-TOKEN} unless {@link #withoutCsrfHeader()}.
   */
  public static Api session(String base, String username, String password) {
    Api api = new Api(base, null);
    api.client = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
    api.csrfHeader = true;
    api.post("/api/auth/login", JSON.writeValueAsString(Map.of("username", username, "password", password)), 200);
    return api;
  }

  /** This session's requests without the CSRF header (as a cross-site form would send them). */
  public Api withoutCsrfHeader() {
    Api api = new Api(base, null);
    api.client = client;
    api.csrfHeader = false;
    return api;
  }

  /** Without credentials. */
  public static Api anonymous(String base) {
    return new Api(base, null);
  }

  /** The test admin's {@code Authorization} header value for the server of {@code url}, for requests built by hand. */
  public static String adminAuthorization(String url) {
    URI uri = URI.create(url);
    String origin = uri.getScheme() + "://" + uri.getAuthority();
    return ADMIN_TOKENS.computeIfAbsent(origin, o -> {
      JsonNode token = new Api(o, basic(ADMIN, ADMIN_PASSWORD)).post("/api/auth/tokens",
          "{\"name\": \"tests\", \"expiresInDays\": 30}", 201);
      return "Bearer " + token.get("token").asText();
    });
  }

  /** {@code builder} with the test admin's credentials (for requests built by hand). */
  public static HttpRequest.Builder authorized(HttpRequest.Builder builder, URI uri) {
    return builder.header("Authorization", adminAuthorization(uri.toString()));
  }

  public static String basic(String username, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password)
        .getBytes(StandardCharsets.UTF_8));
  }

  public JsonNode get(String path, int status) {
    return send("GET", path, null, status);
  }

  public JsonNode post(String path, String body, int status) {
    return send("POST", path, body, status);
  }

  public JsonNode patch(String path, String body, int status) {
    return send("PATCH", path, body, status);
  }

  public JsonNode delete(String path, int status) {
    return send("DELETE", path, null, status);
  }

  /** A GET whose answer is not JSON (e.g. the Prometheus scrape), as text. */
  public String text(String path, int status) {
    HttpResponse<String> response = exchangeAuthorized("GET", path, HttpRequest.BodyPublishers.noBody(), null);
    assertThat(response.statusCode()).as("GET " + path + " -> " + response.body()).isEqualTo(status);
    return response.body();
  }

  public JsonNode send(String method, String path, String body, int status) {
    return send(method, path, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body), "application/json", status);
  }

  /** Any body (e.g. streamed without a length) and content type. */
  public JsonNode send(String method, String path, HttpRequest.BodyPublisher body, String contentType, int status) {
    HttpResponse<String> response = exchangeAuthorized(method, path, body, contentType);
    assertThat(response.statusCode()).as(method + " " + path + " -> " + response.body()).isEqualTo(status);
    return response.body().isEmpty() ? null : JSON.readTree(response.body());
  }

  /** The raw response of a JSON body, whatever its status. */
  public HttpResponse<String> exchange(String method, String path, String body) {
    return exchange(method, path, body, "application/json");
  }

  /** The raw response of a text body of any content type, whatever its status. */
  public HttpResponse<String> exchange(String method, String path, String body, String contentType) {
    return exchangeAuthorized(method, path, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body), contentType);
  }

  /** The raw exchange of any body, whatever its status. */
  public HttpResponse<String> exchange(String method, String path, HttpRequest.BodyPublisher body,
      String contentType) throws java.io.IOException, InterruptedException {
    return exchangeAuthorized(method, path, body, contentType);
  }

  public String base() {
    return base;
  }

  private HttpResponse<String> exchangeAuthorized(String method, String path, HttpRequest.BodyPublisher body,
      String contentType) {
    HttpResponse<String> response = exchangeOnce(method, path, body, contentType);
    if (response.statusCode() == 401 && AS_ADMIN.equals(authorization)) {
      // a server on a port an earlier test context had: its token is not this database's
      ADMIN_TOKENS.clear();
      response = exchangeOnce(method, path, body, contentType);
    }
    return response;
  }

  private HttpResponse<String> exchangeOnce(String method, String path, HttpRequest.BodyPublisher body,
      String contentType) {
    try {
      URI uri = URI.create(base + path);
      HttpRequest.Builder request = HttpRequest.newBuilder(uri).method(method, body);
      if (contentType != null) {
        request.header("Content-Type", contentType);
      }
      if (AS_ADMIN.equals(authorization)) {
        if (uri.getPath().startsWith("/api/") || uri.getPath().startsWith("/actuator/")
            || uri.getPath().startsWith("/v3/") || uri.getPath().startsWith("/swagger-ui")) {
          request.header("Authorization", adminAuthorization(uri.toString()));
        }
      } else if (authorization != null) {
        request.header("Authorization", authorization);
      }
      if (csrfHeader && client.cookieHandler().orElse(null) instanceof java.net.CookieManager cookies) {
        cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN")).findFirst()
            .ifPresent(c -> request.header("X-XSRF-TOKEN", c.getValue()));
      }
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Polls {@code check} until it holds; fails when it does not within {@code millis}. */
  public static void await(long millis, java.util.function.BooleanSupplier check, String what) {
    org.awaitility.Awaitility.await(what).atMost(java.time.Duration.ofMillis(millis))
        .pollDelay(java.time.Duration.ZERO).pollInterval(java.time.Duration.ofMillis(25)).until(check::getAsBoolean);
  }
}
