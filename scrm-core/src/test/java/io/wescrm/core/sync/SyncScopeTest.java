package io.wescrm.core.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Slicing the staff for scheduled reconciliations. */
class SyncScopeTest {

  static final List<String> USERIDS = IntStream.range(0, 2_000).mapToObj(i -> "staff" + i)
      .toList();

  @Test
  void everyUseridFallsIntoExactlyOneSlice() {
    for (int slices = 1; slices <= 16; slices++) {
      for (String userid : USERIDS) {
        int covering = 0;
        for (int slice = 0; slice < slices; slice++) {
          if (new SyncScope(slice, slices).covers(userid)) {
            covering++;
          }
        }
        assertThat(covering).as(userid + " with " + slices + " slices").isEqualTo(1);
      }
    }
  }

  @Test
  void useridsWithNegativeHashCodesHaveASliceToo() {
    String minHash = "polygenelubricants";   // hashCode() == Integer.MIN_VALUE
    assertThat(minHash.hashCode()).isEqualTo(Integer.MIN_VALUE);

    assertThat(IntStream.range(0, 7).filter(s -> new SyncScope(s, 7).covers(minHash)))
        .containsExactly(Math.floorMod(Integer.MIN_VALUE, 7));
  }

  @Test
  void slicesSpreadTheStaffRoughlyEvenly() {
    Map<Integer, Integer> sizes = new HashMap<>();
    for (String userid : USERIDS) {
      for (int slice = 0; slice < 8; slice++) {
        if (new SyncScope(slice, 8).covers(userid)) {
          sizes.merge(slice, 1, Integer::sum);
        }
      }
    }

    assertThat(sizes).hasSize(8);
    assertThat(sizes.values()).allSatisfy(n -> assertThat(n).isBetween(150, 350));
  }

  @Test
  void theWholeScopeCoversEveryone() {
    assertThat(SyncScope.ALL.all()).isTrue();
    assertThat(USERIDS).allMatch(SyncScope.ALL::covers);
  }

  @Test
  void nextSliceRotatesThroughEverySliceAndWraps() {
    List<String> seen = new ArrayList<>();
    SyncScope scope = null;
    for (int i = 0; i < 6; i++) {
      scope = SyncScope.after(scope, 4);
      seen.add(scope.toString());
    }

    assertThat(seen).containsExactly("0/4", "1/4", "2/4", "3/4", "0/4", "1/4");
  }

  @Test
  void aFullCycleOfPassesCoversEveryUseridOnce() {
    Map<String, Integer> passes = new HashMap<>();
    SyncScope scope = null;
    for (int pass = 0; pass < 5; pass++) {
      scope = SyncScope.after(scope, 5);
      for (String userid : USERIDS) {
        if (scope.covers(userid)) {
          passes.merge(userid, 1, Integer::sum);
        }
      }
    }

    assertThat(passes).hasSize(USERIDS.size());
    assertThat(passes.values()).containsOnly(1);
  }

  @Test
  void nextSliceStartsOverWhenTheSliceCountChanges() {
    assertThat(SyncScope.after(new SyncScope(6, 8), 4)).isEqualTo(new SyncScope(0, 4));
    assertThat(SyncScope.after(new SyncScope(2, 4), 1)).isEqualTo(SyncScope.ALL);
    assertThat(SyncScope.after(SyncScope.ALL, 3)).isEqualTo(new SyncScope(0, 3));
  }

  @Test
  void textRoundTrips() {
    for (SyncScope scope : List.of(SyncScope.ALL, new SyncScope(0, 2), new SyncScope(3, 8), new SyncScope(999,
        1000))) {
      assertThat(SyncScope.parse(scope.toString())).isEqualTo(scope);
    }
    assertThat(SyncScope.ALL.toString()).isEqualTo("all");
    assertThat(new SyncScope(3, 8).toString()).isEqualTo("3/8");
  }

  @Test
  void unparsableTextIsNoScope() {
    assertThat(SyncScope.parse(null)).isNull();
    assertThat(SyncScope.parse(" ")).isNull();
    assertThat(SyncScope.parse("3")).isNull();
    assertThat(SyncScope.parse("a/b")).isNull();
    assertThat(SyncScope.parse("8/8")).isNull();
  }

  @Test
  void rejectsInvalidScopes() {
    assertThatThrownBy(() -> new SyncScope(0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SyncScope(-1, 4)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SyncScope(4, 4)).isInstanceOf(IllegalArgumentException.class);
  }
}
