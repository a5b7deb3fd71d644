package run.hatchet.internal.registration;

import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A JSON schema of a task's input type, stored with the workflow so the dashboard can show and
 * validate inputs. Records and plain classes become objects; the engine does not enforce it.
 */
public final class JsonSchemas {
  private static final int MAX_DEPTH = 8;

  private JsonSchemas() {}

  /** The schema as a map ready for JSON, or null for open-ended types (Object, Map, JSON trees, Void). */
  public static Map<String, Object> of(Type type) {
    Class<?> raw = raw(type);
    if (raw == null || raw == Object.class || raw == Void.class || Map.class.isAssignableFrom(raw)
        || raw.getName().startsWith("com.fasterxml.jackson.databind")) {
      return null;
    }
    Map<String, Object> schema = schema(type, 0, Set.of());
    if (!"object".equals(schema.get("type"))) {
      return null;
    }
    if (raw.isRecord() || !raw.getName().startsWith("java.")) {
      schema.put("title", raw.getSimpleName());
    }
    return schema;
  }

  private static Class<?> raw(Type t) {
    if (t instanceof Class) {
      return (Class<?>) t;
    }
    if (t instanceof ParameterizedType) {
      return (Class<?>) ((ParameterizedType) t).getRawType();
    }
    return null;
  }

  private static Map<String, Object> schema(Type type, int depth, Set<Class<?>> seen) {
    Map<String, Object> s = new LinkedHashMap<>();
    Class<?> c = raw(type);
    if (type instanceof GenericArrayType) {
      s.put("type", "array");
      s.put("items", schema(((GenericArrayType) type).getGenericComponentType(), depth + 1, seen));
      return s;
    }
    if (c == null || depth > MAX_DEPTH) {
      return s;
    }
    if (c == String.class || c == char.class || c == Character.class || c.getName().startsWith("java.time.")
        || c == java.util.UUID.class) {
      s.put("type", "string");
    } else if (c == boolean.class || c == Boolean.class) {
      s.put("type", "boolean");
    } else if (c == int.class || c == long.class || c == short.class || c == byte.class || c == Integer.class
        || c == Long.class || c == Short.class || c == Byte.class || c == java.math.BigInteger.class) {
      s.put("type", "integer");
    } else if (c == double.class || c == float.class || Number.class.isAssignableFrom(c)) {
      s.put("type", "number");
    } else if (c.isEnum()) {
      s.put("type", "string");
      List<String> values = new ArrayList<>();
      for (Object e : c.getEnumConstants()) {
        values.add(((Enum<?>) e).name());
      }
      s.put("enum", values);
    } else if (c.isArray()) {
      s.put("type", "array");
      s.put("items", schema(c.getComponentType(), depth + 1, seen));
    } else if (Collection.class.isAssignableFrom(c)) {
      s.put("type", "array");
      if (type instanceof ParameterizedType) {
        s.put("items", schema(((ParameterizedType) type).getActualTypeArguments()[0], depth + 1, seen));
      }
    } else if (Map.class.isAssignableFrom(c)) {
      s.put("type", "object");
    } else if (!seen.contains(c) && !c.getName().startsWith("java.")) {
      Set<Class<?>> next = new java.util.HashSet<>(seen);
      next.add(c);
      Map<String, Object> props = new LinkedHashMap<>();
      List<String> required = new ArrayList<>();
      if (c.isRecord()) {
        for (RecordComponent rc : c.getRecordComponents()) {
          props.put(rc.getName(), schema(rc.getGenericType(), depth + 1, next));
          if (rc.getType().isPrimitive()) {
            required.add(rc.getName());
          }
        }
      } else {
        for (Field f : c.getDeclaredFields()) {
          if (!Modifier.isStatic(f.getModifiers()) && !Modifier.isTransient(f.getModifiers()) && !f.isSynthetic()) {
            props.put(f.getName(), schema(f.getGenericType(), depth + 1, next));
          }
        }
      }
      s.put("type", "object");
      s.put("properties", props);
      if (!required.isEmpty()) {
        s.put("required", required);
      }
    } else {
      s.put("type", "object");
    }
    return s;
  }
}
