package io.wescrm.core.events;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** Domain events to and from JSON, named by their record's simple name ({@code CustomerAdded}). */
public final class DomainEventCodec {

  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final Map<String, Class<?>> TYPES = Arrays.stream(DomainEvent.class.getPermittedSubclasses())
      .collect(Collectors.toMap(Class::getSimpleName, Function.identity()));

  private DomainEventCodec() {
  }

  public static String type(DomainEvent event) {
    return event.getClass().getSimpleName();
  }

  public static String encode(DomainEvent event) {
    return JSON.writeValueAsString(event);
  }

  /** @throws IllegalArgumentException for a type this build does not know */
  public static DomainEvent decode(String type, String json) {
    Class<?> cls = TYPES.get(type);
    if (cls == null) {
      throw new IllegalArgumentException("unknown domain event type " + type);
    }
    return (DomainEvent) JSON.readValue(json, cls);
  }
}
