package io.wescrm.web.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Test helper: JSON over real HTTP, asserting the status. */
public final class Api {

  public static final HttpClient HTTP = HttpClient.newHttpClient();
  public static final ObjectMapper JSON = new ObjectMapper();

  private final String base;

  public Api(String base) {
    this.base = base;
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

  /** GET of a text answer (e.g. /actuator/prometheus). */
  public String text(String path, int status) {
    try {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as("GET " + path + " -> " + response.body()).isEqualTo(status);
      return response.body();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public JsonNode send(String method, String path, String body, int status) {
    return send(method, path, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body), "application/json", status);
  }

  /** Any body (e.g. streamed without a length) and content type. */
  public JsonNode send(String method, String path, HttpRequest.BodyPublisher body, String contentType, int status) {
    try {
      HttpResponse<String> response = exchange(method, path, body, contentType);
      assertThat(response.statusCode()).as(method + " " + path + " -> " + response.body()).isEqualTo(status);
      return response.body().isEmpty() ? null : JSON.readTree(response.body());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The raw exchange, whatever its status. */
  public HttpResponse<String> exchange(String method, String path, HttpRequest.BodyPublisher body,
      String contentType) throws java.io.IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).method(method, body);
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The raw exchange of a text body, whatever its status (no checked exceptions). */
  public HttpResponse<String> exchange(String method, String path, String body, String contentType) {
    try {
      return exchange(method, path, body == null ? HttpRequest.BodyPublishers.noBody()
          : HttpRequest.BodyPublishers.ofString(body), contentType);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public String base() {
    return base;
  }

  /** Polls {@code check} until it holds; fails when it does not within {@code millis}. */
  public static void await(long millis, java.util.function.BooleanSupplier check, String what) {
    org.awaitility.Awaitility.await(what).atMost(java.time.Duration.ofMillis(millis))
        .pollDelay(java.time.Duration.ZERO).pollInterval(java.time.Duration.ofMillis(25)).until(check::getAsBoolean);
  }
}
