package io.wescrm.core.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Hand-built customers for the evaluator and the rule plan: a builder that speaks the domain. */
final class CustomerSnapshotFixture {

  static final String CORP = "wwfixture";

  private final Instant now;
  private Integer gender;
  private Integer type = 1;
  private String corpName;
  private String stage;
  private final List<CustomerSnapshot.Relation> relations = new ArrayList<>();
  private final List<CustomerSnapshot.Membership> memberships = new ArrayList<>();
  private final List<CustomerSnapshot.MomentInteraction> moments = new ArrayList<>();
  private final List<CustomerSnapshot.CampaignPush> pushes = new ArrayList<>();

  private CustomerSnapshotFixture(Instant now) {
    this.now = now;
  }

  /** A customer without relations, groups or moments; "days ago" are counted back from {@code now}. */
  static CustomerSnapshotFixture customerAt(Instant now) {
    return new CustomerSnapshotFixture(now);
  }

  CustomerSnapshotFixture gender(Integer gender) {
    this.gender = gender;
    return this;
  }

  CustomerSnapshotFixture type(Integer type) {
    this.type = type;
    return this;
  }

  CustomerSnapshotFixture corpName(String corpName) {
    this.corpName = corpName;
    return this;
  }

  CustomerSnapshotFixture stage(String stage) {
    this.stage = stage;
    return this;
  }

  /** A live relation added {@code daysAgo} days ago through channel {@code state}. */
  CustomerSnapshotFixture followedBy(String userid, long department, String state, long daysAgo, String... tags) {
    relations.add(new CustomerSnapshot.Relation(userid, department, 1, state, null, ago(daysAgo), null, null,
        Set.of(tags)));
    return this;
  }

  CustomerSnapshotFixture followedWithRemark(String userid, String remark, int addWay) {
    relations.add(new CustomerSnapshot.Relation(userid, null, addWay, null, remark, ago(100), null, null, Set.of()));
    return this;
  }

  /** A relation that ended {@code daysAgo} days ago, deleted by CUSTOMER or STAFF. */
  CustomerSnapshotFixture ended(String userid, String deletedBy, long daysAgo, String... tags) {
    relations.add(new CustomerSnapshot.Relation(userid, 1L, 1, "ended_state", null, ago(daysAgo + 100),
        ago(daysAgo), deletedBy, Set.of(tags)));
    return this;
  }

  CustomerSnapshotFixture inGroup(String chatId, String owner, long ownerDepartment, long daysAgo) {
    memberships.add(new CustomerSnapshot.Membership(chatId, owner, ownerDepartment, ago(daysAgo), true));
    return this;
  }

  CustomerSnapshotFixture leftGroup(String chatId, String owner, long ownerDepartment) {
    memberships.add(new CustomerSnapshot.Membership(chatId, owner, ownerDepartment, ago(200), false));
    return this;
  }

  CustomerSnapshotFixture liked(long daysAgo) {
    moments.add(new CustomerSnapshot.MomentInteraction("LIKE", ago(daysAgo)));
    return this;
  }

  CustomerSnapshotFixture interacted(String momentId, String kind, long daysAgo) {
    moments.add(new CustomerSnapshot.MomentInteraction(kind, ago(daysAgo), momentId));
    return this;
  }

  CustomerSnapshotFixture commented(long daysAgo) {
    moments.add(new CustomerSnapshot.MomentInteraction("COMMENT", ago(daysAgo)));
    return this;
  }

  /** A push of campaign {@code campaignId} (run {@code runId}) the customer received {@code daysAgo} days ago. */
  CustomerSnapshotFixture pushed(long campaignId, long runId, long daysAgo) {
    pushes.add(new CustomerSnapshot.CampaignPush(campaignId, runId, ago(daysAgo)));
    return this;
  }

  CustomerSnapshot build() {
    return new CustomerSnapshot(CORP, "wmcustomer", gender, type, corpName, stage, relations, memberships, moments,
        pushes);
  }

  private Instant ago(long days) {
    return now.minus(Duration.ofDays(days));
  }
}
