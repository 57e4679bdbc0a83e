package io.wescrm.core.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DomainEventCodecTest {

  private static final Instant AT = Instant.parse("2026-12-02T10:15:30.123Z");

  static List<DomainEvent> oneOfEach() {
    return List.of(
        new DomainEvent.CustomerAdded("ww1", "zhangsan", "wmAbc", "store_sh01_qr", "CODE", false, AT),
        new DomainEvent.CustomerAdded("ww1", "zhangsan", "wmAbc", null, null, true, AT),
        new DomainEvent.CustomerFound("ww1", "zhangsan", "wmFound", "store_sh01_qr", AT),
        new DomainEvent.StaffDeletedCustomer("ww1", "lisi", "wmDef", true, AT),
        new DomainEvent.CustomerDeletedStaff("ww1", "lisi", "wmDef", AT),
        new DomainEvent.CustomerTransferFailed("ww1", "wangwu", "wmGhi", "customer_refused", AT),
        new DomainEvent.MembersJoinedGroup("ww1", "wrChat", List.of("wmA", "wmB"), 3, AT),
        new DomainEvent.MembersLeftGroup("ww1", "wrChat", List.of("wmA"), null, AT),
        new DomainEvent.CorpTagsChanged("ww1", "delete", "etTag", "tag", AT),
        new DomainEvent.CustomerEdited("ww1", "zhangsan", "wmAbc", AT),
        new DomainEvent.CampaignPushed("ww1", "zhangsan", "wmAbc", 12L, 345L, AT),
        new DomainEvent.MomentInteracted("ww1", "zhangsan", "wmAbc", "momXyz", "LIKE", AT));
  }

  @Test
  void everyKindOfEventSurvivesTheRoundTripUnchanged() {
    List<DomainEvent> all = oneOfEach();
    assertThat(all.stream().map(Object::getClass).distinct())
        .as("one of each permitted kind").hasSize(DomainEvent.class.getPermittedSubclasses().length);
    for (DomainEvent event : all) {
      String json = DomainEventCodec.encode(event);
      assertThat(DomainEventCodec.decode(DomainEventCodec.type(event), json)).isEqualTo(event);
    }
  }

  @Test
  void anUnknownTypeIsRefusedByName() {
    assertThatThrownBy(() -> DomainEventCodec.decode("MomentLiked", "{}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MomentLiked");
  }
}
