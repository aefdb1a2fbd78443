package dev.obskit.core.internal.errors;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecentErrorsTest {
  @Test
  void theSameInstanceTwiceIsADuplicateAnEqualOneIsNot() {
    RecentErrors recent = new RecentErrors();
    IllegalStateException e = new IllegalStateException("boom");
    assertTrue(recent.firstCapture(e));
    assertFalse(recent.firstCapture(e));
    assertTrue(recent.firstCapture(new IllegalStateException("boom")), "equal message, other instance");
  }

  @Test
  void remembersTheLast64AndForgetsTheOldestFirst() {
    RecentErrors recent = new RecentErrors();
    List<Throwable> errors = new ArrayList<>();
    for (int i = 0; i < 65; i++) {
      Throwable t = new RuntimeException("e" + i);
      errors.add(t);
      assertTrue(recent.firstCapture(t));
    }
    // The first was pushed out by the 65th; the 64 after it are still known.
    for (int i = 1; i < 65; i++) {
      assertFalse(recent.firstCapture(errors.get(i)), "error " + i);
    }
    assertTrue(recent.firstCapture(errors.get(0)));
  }
}
