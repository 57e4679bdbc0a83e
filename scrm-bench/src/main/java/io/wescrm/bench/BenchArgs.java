package io.wescrm.bench;

import java.util.HashMap;
import java.util.Map;

/** The bench tools' {@code --name=value} arguments (others are ignored). */
final class BenchArgs {

  private BenchArgs() {
  }

  static Map<String, String> parse(String[] args) {
    Map<String, String> o = new HashMap<>();
    for (String a : args) {
      if (a.startsWith("--") && a.contains("=")) {
        o.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
      }
    }
    return o;
  }
}
