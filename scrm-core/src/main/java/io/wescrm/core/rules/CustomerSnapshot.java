package io.wescrm.core.rules;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything the in-memory evaluator needs about one customer, loaded with a few indexed queries.
 *
 * @param relations every follow relation of the customer, live and ended
 * @param memberships every group membership of the customer, current and past
 */
public record CustomerSnapshot(String corpId, String externalUserId, Integer gender, Integer type, String corpName,
    String lifecycleStage, List<Relation> relations, List<Membership> memberships, List<MomentInteraction> moments,
    List<CampaignPush> pushes) {

  public CustomerSnapshot {
    relations = List.copyOf(relations);
    memberships = List.copyOf(memberships);
    moments = List.copyOf(moments);
    pushes = List.copyOf(pushes);
  }

  /** A customer without campaign pushes (the shape before campaigns). */
  public CustomerSnapshot(String corpId, String externalUserId, Integer gender, Integer type, String corpName,
      String lifecycleStage, List<Relation> relations, List<Membership> memberships,
      List<MomentInteraction> moments) {
    this(corpId, externalUserId, gender, type, corpName, lifecycleStage, relations, memberships, moments, List.of());
  }

  /** A follow relation with its staff member's main department and its tags. */
  public record Relation(String userid, Long staffDepartment, Integer addWay, String state, String remark,
      Instant addedAt, Instant deletedAt, String deletedBy, Set<String> tags) {
    public Relation {
      tags = Set.copyOf(tags);
    }

    public boolean live() {
      return deletedAt == null;
    }

    Relation withTags(Set<String> newTags) {
      return new Relation(userid, staffDepartment, addWay, state, remark, addedAt, deletedAt, deletedBy, newTags);
    }
  }

  /**
   * A group membership.
   *
   * @param live the customer is still in the group and the group is not dismissed
   */
  public record Membership(String chatId, String owner, Long ownerDepartment, Instant joinedAt, boolean live) {
  }

  /**
   * @param kind LIKE or COMMENT
   * @param momentId the moment (null: unknown, counted as a moment of its own by {@code moment.interactions})
   */
  public record MomentInteraction(String kind, Instant at, String momentId) {

    public MomentInteraction(String kind, Instant at) {
      this(kind, at, null);
    }

    /** What {@code moment.interactions} counts distinct. */
    Object distinctKey() {
      return momentId == null ? this : momentId;
    }
  }

  /**
   * A campaign push the customer received: a {@code SENT} delivery of the send ledger (one per run x sender).
   *
   * @param at the delivery's {@code sent_at}
   */
  public record CampaignPush(long campaignId, long runId, Instant at) {
  }

  public List<Relation> liveRelations() {
    return relations.stream().filter(Relation::live).toList();
  }

  /** The customer-level view: tags on any live relation. */
  public Set<String> tags() {
    Set<String> tags = new LinkedHashSet<>();
    liveRelations().forEach(r -> tags.addAll(r.tags()));
    return tags;
  }

  /** The same customer with one relation's tags replaced (rules see the tags earlier rules set). */
  public CustomerSnapshot withRelationTags(String userid, Set<String> tags) {
    return new CustomerSnapshot(corpId, externalUserId, gender, type, corpName, lifecycleStage,
        relations.stream().map(r -> r.userid().equals(userid) ? r.withTags(tags) : r).toList(), memberships, moments,
        pushes);
  }

  public CustomerSnapshot withStage(String stage) {
    return new CustomerSnapshot(corpId, externalUserId, gender, type, corpName, stage, relations, memberships,
        moments, pushes);
  }
}
