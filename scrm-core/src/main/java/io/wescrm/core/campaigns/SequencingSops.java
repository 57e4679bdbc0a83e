package io.wescrm.core.campaigns;

import io.wescrm.core.events.DomainEvent;
import io.wescrm.core.events.EventConsumer;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * SOP sequences: a customer added through a channel (or joining a group) is enrolled in each active SOP whose trigger
 * matches (a durable domain event consumer, so no add is missed); each step is due {@code day} days after that event
 * at its time of day (a time already past on day 0 means now), moved out of quiet hours; every tick the due steps of
 * each SOP become one run each (occurrence {@code sop:<step>:<tick time>}; one node ticks at a time) planned from the enrolments, which then move
 * on. A customer who deleted the staff member (or was deleted), carries a stop tag or left the audience stops.
 */
public final class SequencingSops implements EventConsumer {

  private static final System.Logger LOG = System.getLogger(SequencingSops.class.getName());

  private final SopEnrollments enrollments;
  private final CampaignStore campaigns;
  private final RunningCampaigns running;
  private final SendLedger ledger;
  private final Clock clock;
  private final ZoneId zone;
  private final String owner;

  /**
   * Enrolment and the tick touch only the database (runs are planned here, sent by the dispatchers of the nodes that
   * serve the corp), so one node does them for every corp: the event delivery and the SOP tick each run on one node
   * at a time.
   */
  public SequencingSops(SopEnrollments enrollments, CampaignStore campaigns, RunningCampaigns running,
      SendLedger ledger, Clock clock, ZoneId zone, String owner) {
    this.enrollments = enrollments;
    this.campaigns = campaigns;
    this.running = running;
    this.ledger = ledger;
    this.clock = clock;
    this.zone = zone;
    this.owner = owner;
  }

  @Override
  public String name() {
    return "sop";
  }

  @Override
  public boolean accepts(DomainEvent event) {
    return event instanceof DomainEvent.CustomerAdded || event instanceof DomainEvent.CustomerFound
        || event instanceof DomainEvent.MembersJoinedGroup || event instanceof DomainEvent.CustomerDeletedStaff
        || event instanceof DomainEvent.StaffDeletedCustomer;
  }

  @Override
  public List<DomainEvent> handle(List<DomainEvent> events) {
    Instant now = clock.instant();
    List<Campaign> sops = null;
    for (DomainEvent event : events) {
      if (event instanceof DomainEvent.CustomerDeletedStaff e) {
        enrollments.stopFor(e.corpId(), e.externalUserId(), e.userid(), "customer_deleted_staff", now);
        continue;
      }
      if (event instanceof DomainEvent.StaffDeletedCustomer e) {
        enrollments.stopFor(e.corpId(), e.externalUserId(), e.userid(), "staff_deleted_customer", now);
        continue;
      }
      if (sops == null) {
        sops = campaigns.active(CampaignDefinition.Kind.SOP);
      }
      for (Campaign sop : sops) {
        CampaignDefinition.Sop seq = sop.definition().sop();
        if (seq == null || seq.steps().isEmpty()) {
          continue;
        }
        if (event instanceof DomainEvent.CustomerAdded e && sop.corpId().equals(e.corpId())) {
          channel(sop, e.state(), e.externalUserId(), e.userid(), e.at(), now);
        } else if (event instanceof DomainEvent.CustomerFound e && sop.corpId().equals(e.corpId())) {
          channel(sop, e.state(), e.externalUserId(), e.userid(), e.at(), now);
        } else if (event instanceof DomainEvent.MembersJoinedGroup e && sop.corpId().equals(e.corpId())
            && seq.trigger().type() == CampaignDefinition.TriggerType.GROUP
            && (seq.trigger().values().isEmpty() || seq.trigger().values().contains(e.chatId()))) {
          // a customer who joined is enrolled with the group's owner as their staff member
          Instant anchor = e.at() == null ? now : e.at();
          for (String member : e.memberIds()) {
            enrollments.enrollGroupMember(e.corpId(), sop.id(), e.chatId(), member, anchor, due(sop, 0, anchor),
                now);
          }
        }
      }
    }
    return List.of();
  }

  private void channel(Campaign sop, String state, String externalUserId, String userid, Instant at, Instant now) {
    CampaignDefinition.Sop seq = sop.definition().sop();
    if (seq.trigger().type() != CampaignDefinition.TriggerType.CHANNEL || state == null || state.isEmpty()) {
      return;
    }
    if (!seq.trigger().values().isEmpty() && !seq.trigger().values().contains(state)) {
      return;
    }
    Instant anchor = at == null ? now : at;
    if (enrollments.enroll(sop.corpId(), sop.id(), externalUserId, userid, anchor, due(sop, 0, anchor), now)) {
      LOG.log(System.Logger.Level.DEBUG, "SOP {0}: enrolled {1} (staff {2})", sop.id(), externalUserId, userid);
    }
  }

  /**
   * When step {@code step} is due for an anchor: the step's day at its time (corp zone), never before the anchor
   * itself, moved out of quiet hours. Null past the last step.
   */
  public Instant due(Campaign sop, int step, Instant anchor) {
    List<CampaignDefinition.SopStep> steps = sop.definition().sop().steps();
    if (step >= steps.size()) {
      return null;
    }
    CampaignDefinition.SopStep s = steps.get(step);
    LocalDate day = anchor.atZone(zone).toLocalDate().plusDays(s.day());
    Instant at = day.atTime(s.at()).atZone(zone).toInstant();
    if (at.isBefore(anchor)) {
      at = anchor;
    }
    return running.settings().quietHours().shift(at);
  }

  /** One tick: stops finished enrolments, then turns each SOP's due steps into planned runs. Returns runs made. */
  public synchronized int tick() {
    Instant now = clock.instant();
    if (running.settings().quietHours().contains(now)) {
      return 0; // steps due now wait for the window's end (their due times were shifted out of it already)
    }
    int runs = 0;
    for (Campaign sop : campaigns.active(CampaignDefinition.Kind.SOP)) {
      if (sop.definition().sop() == null) {
        continue;
      }
      enrollments.stopFinished(sop, now);
      for (int step : enrollments.dueSteps(sop.id(), now)) {
        // one tick at a time (the worker holds a cluster lease for it), so each tick's run is its own occurrence
        String occurrence = "sop:" + step + ":" + now.toEpochMilli();
        Optional<CampaignRun> run = running.fire(sop, occurrence, "SOP", now, step);
        if (run.isEmpty()) {
          continue; // a run of this step at this very instant exists
        }
        Optional<CampaignRun> claimed = ledger.claimRun(run.get().id(), owner, now,
            now.plus(running.settings().planLease()));
        if (claimed.isEmpty()) {
          continue; // the planning worker took it: its planning reads the same enrolments
        }
        // taken before planning: only what the planning could see moves on (a customer whose row arrived during
        // it is planned by the next tick's run, not skipped)
        List<SopEnrollments.Due> seen = enrollments.plannable(sop.id(), step, run.get().dueAt());
        running.plan(claimed.get());
        enrollments.advance(seen, step, (anchor, next) -> due(sop, next, anchor), now);
        runs++;
      }
    }
    return runs;
  }
}
