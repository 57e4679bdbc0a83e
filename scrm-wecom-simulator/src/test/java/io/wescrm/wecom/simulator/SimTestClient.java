package io.wescrm.wecom.simulator;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** A raw HTTP client for the simulator (java.net.http), for tests that need exact requests and answers. */
final class SimTestClient {

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final String baseUrl;

  SimTestClient(WeComSimulator sim) {
    this.baseUrl = sim.baseUrl();
  }

  String token(SimCorp corp) {
    JsonObject answer = get("gettoken", null, Map.of("corpid", corp.corpId(), "corpsecret", corp.secret()));
    if (answer.get("errcode").getAsInt() != 0) {
      throw new AssertionError("gettoken failed: " + answer);
    }
    return answer.get("access_token").getAsString();
  }

  JsonObject get(String api, String token, Map<String, String> params) {
    Map<String, String> query = new LinkedHashMap<>(params);
    if (token != null) {
      query.put("access_token", token);
    }
    return json(send("GET", "/cgi-bin/" + api + "?" + encode(query), null));
  }

  JsonObject post(String api, String token, String body) {
    String path = "/cgi-bin/" + api + (token == null ? "" : "?access_token=" + token);
    return json(send("POST", path, body));
  }

  HttpResponse<String> send(String method, String pathAndQuery, String body) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
        .timeout(Duration.ofSeconds(30));
    HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8);
    builder.method(method, publisher);
    if (body != null) {
      builder.header("Content-Type", "application/json; charset=UTF-8");
    }
    try {
      return http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static JsonObject json(HttpResponse<String> response) {
    if (response.statusCode() != 200) {
      throw new AssertionError("HTTP " + response.statusCode() + ": " + response.body());
    }
    return JsonParser.parseString(response.body()).getAsJsonObject();
  }

  static int errcode(JsonObject answer) {
    return answer.get("errcode").getAsInt();
  }

  private static String encode(Map<String, String> query) {
    StringBuilder sb = new StringBuilder();
    query.forEach((key, value) -> {
      if (sb.length() > 0) {
        sb.append('&');
      }
      sb.append(URLEncoder.encode(key, StandardCharsets.UTF_8)).append('=')
          .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    });
    return sb.toString();
  }
}
