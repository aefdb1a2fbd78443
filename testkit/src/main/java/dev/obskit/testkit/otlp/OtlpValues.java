package dev.obskit.testkit.otlp;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns OTLP protobuf values into plain Java values for assertions. */
public final class OtlpValues {
  private OtlpValues() {}

  /** Lowercase hex of an id ({@code ""} for an empty id, as OTLP sends for "no parent"). */
  public static String hex(ByteString id) {
    StringBuilder sb = new StringBuilder(id.size() * 2);
    for (int i = 0; i < id.size(); i++) {
      sb.append(Character.forDigit((id.byteAt(i) >> 4) & 0xf, 16)).append(Character.forDigit(id.byteAt(i) & 0xf, 16));
    }
    return sb.toString();
  }

  /**
   * Attributes as a map: String, Long, Double, Boolean, List (arrays) or Map (kvlists); bytes as
   * hex. Insertion order follows the wire.
   */
  public static Map<String, Object> attributes(List<KeyValue> keyValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (KeyValue kv : keyValues) {
      map.put(kv.getKey(), value(kv.getValue()));
    }
    return Collections.unmodifiableMap(map);
  }

  /** One value (see {@link #attributes}); null for an empty value. */
  public static Object value(AnyValue value) {
    switch (value.getValueCase()) {
      case STRING_VALUE:
        return value.getStringValue();
      case BOOL_VALUE:
        return value.getBoolValue();
      case INT_VALUE:
        return value.getIntValue();
      case DOUBLE_VALUE:
        return value.getDoubleValue();
      case BYTES_VALUE:
        return hex(value.getBytesValue());
      case ARRAY_VALUE: {
        List<Object> list = new ArrayList<>();
        value.getArrayValue().getValuesList().forEach(v -> list.add(value(v)));
        return Collections.unmodifiableList(list);
      }
      case KVLIST_VALUE:
        return attributes(value.getKvlistValue().getValuesList());
      default:
        return null;
    }
  }
}
