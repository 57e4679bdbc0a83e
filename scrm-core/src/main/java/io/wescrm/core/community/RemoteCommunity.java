package io.wescrm.core.community;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** WeCom's community operations for one corp: 群活码, group welcome templates, group statistics. */
public interface RemoteCommunity {

  /** What add_join_way and update_join_way send. */
  record JoinWaySpec(int scene, String remark, boolean autoCreateRoom, String roomBaseName, Integer roomBaseId,
      List<String> chatIds, String state) {
  }

  /** add_join_way's config id and get_join_way's QR code. */
  record CreatedJoinWay(String configId, String qrCode) {
  }

  CreatedJoinWay addJoinWay(JoinWaySpec spec);

  void updateJoinWay(String configId, JoinWaySpec spec);

  void deleteJoinWay(String configId);

  /** get_join_way's {@code join_way} object as a map, or empty when WeCom has no such way. */
  Optional<Map<String, Object>> joinWay(String configId);

  /** Creates the template; returns its template_id. */
  String addGroupWelcomeTemplate(GroupWelcomeContent content, boolean notify);

  void editGroupWelcomeTemplate(String templateId, GroupWelcomeContent content);

  Optional<GroupWelcomeContent> groupWelcomeTemplate(String templateId);

  void deleteGroupWelcomeTemplate(String templateId);

  /** One day of one owner's groups as WeCom counts them. */
  record DayStat(LocalDate day, long newChatCnt, long chatTotal, long chatHasMsg, long newMemberCnt, long memberTotal,
      long memberHasMsg, long msgTotal) {
  }

  /** statistic_group_by_day for one owner, days {@code from}…{@code to} (China days, inclusive; ≤ 60 days back). */
  List<DayStat> groupStatsByDay(String owner, LocalDate from, LocalDate to);
}
