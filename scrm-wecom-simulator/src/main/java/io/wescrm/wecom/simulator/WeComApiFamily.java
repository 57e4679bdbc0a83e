package io.wescrm.wecom.simulator;

import com.google.gson.JsonObject;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * One family of the WeCom server API under {@code /cgi-bin/} (directory, customers, corp tags, …): registers its
 * endpoints in the dispatcher's route table and answers them. {@link WeComApi} has already checked the token, quota,
 * concurrency and injected faults when a handler runs; a handler writes its fields after {@link #ok} or throws
 * {@link WeComApiError}. A new family is one subclass plus one line in {@link WeComApi}'s constructor.
 */
abstract class WeComApiFamily {

  /** Adds this family's endpoints to the table, e.g. {@code routes.get("user/get", this::userGet)}. */
  abstract void register(Routes routes);

  /** The route table of {@code /cgi-bin/}: API path (e.g. {@code externalcontact/get}) → endpoint. */
  static final class Routes {
    private final Map<String, Endpoint> endpoints = new HashMap<>();

    /** An API WeCom serves on GET. */
    void get(String api, Handler handler) {
      add(api, new Endpoint(false, handler));
    }

    /** An API that must be POSTed (else 40063). */
    void post(String api, Handler handler) {
      add(api, new Endpoint(true, handler));
    }

    /** The endpoint of {@code api}, or null. */
    Endpoint find(String api) {
      return endpoints.get(api);
    }

    private void add(String api, Endpoint endpoint) {
      if (endpoints.putIfAbsent(api, endpoint) != null) {
        throw new IllegalStateException("api registered twice: " + api);
      }
    }
  }

  /** One endpoint: whether it must be POSTed, and its handler. */
  record Endpoint(boolean post, Handler handler) {
  }

  @FunctionalInterface
  interface Handler {
    void handle(Call call, JsonWriter out) throws IOException;
  }

  /** The context of one authenticated call. */
  static final class Call {
    final SimCorp corp;
    final SimRequest request;
    final long nowMillis;
    private JsonObject body;
    /**
     * Set by a handler to hold its answer this long after the call left the concurrency slot (the create-then-timeout
     * fault: the work is done, the client times out waiting for the answer).
     */
    long holdResponseMillis;

    Call(SimCorp corp, SimRequest request, long nowMillis) {
      this.corp = corp;
      this.request = request;
      this.nowMillis = nowMillis;
    }

    String query(String name) {
      return request.query(name);
    }

    JsonObject body() {
      if (body == null) {
        body = SimJson.parseBody(request.bodyText());
      }
      return body;
    }
  }

  static void ok(JsonWriter out) throws IOException {
    out.name("errcode").value(0);
    out.name("errmsg").value("ok");
  }
}
