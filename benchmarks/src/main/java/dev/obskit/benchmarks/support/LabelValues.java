package dev.obskit.benchmarks.support;

import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Label values read from non-final fields, so that a "fresh labels per call" benchmark really
 * builds its label set at run time instead of letting the JIT treat it as a constant.
 */
@State(Scope.Thread)
public class LabelValues {
  /** Value of the {@code type} label. */
  public String type = "math";
  /** Value of the {@code tier} label. */
  public String tier = "gold";
}
