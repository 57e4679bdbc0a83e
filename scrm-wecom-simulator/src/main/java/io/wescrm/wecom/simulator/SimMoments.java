package io.wescrm.wecom.simulator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Customer moments (客户朋友圈) in one simulated corp: corp moments (create_type 0, a task per staff member who is to
 * publish them) and personal moments (create_type 1, published by their creator); per published staff copy the
 * customers who can see it (all of the staff member's customers for a public moment, a fixed part of them for a
 * partial one) and the likes and comments on it, by customers who can see it (and by staff). WeCom gives no
 * comment text, so none is kept.
 *
 * <p>A seeded corp gets moments over the last {@link #SEED_DAYS} days, deterministically from its random seed and
 * seed anchor, when the family is first used; the interactions oracle ({@link #interactionCounts}) says, per
 * customer, how many distinct moments it liked or commented within a window.
 *
 * <p>Thread-safe: its own monitor guards its state; it reads {@link SimCorp} (taking the corp's read lock while
 * holding the monitor), never the reverse.
 */
public final class SimMoments {

  static final long DAY = 86_400L;
  static final int SEED_DAYS = 60;
  static final String LIKE = "LIKE";
  static final String COMMENT = "COMMENT";

  /** A moment as get_moment_list returns it (times in epoch seconds). */
  public record Moment(String momentId, String creator, long createTime, int createType, int visibleType,
      String text, List<String> imageMediaIds, String linkTitle, String linkUrl) {
  }

  /** One staff member's copy of a moment: {@code publishStatus} 1 once published. */
  public record Copy(String momentId, String userid, int publishStatus, long publishTime,
      List<String> visibleCustomers) {
  }

  /**
   * A like or comment on one staff copy: by a customer ({@code externalUserId}) or by a staff member
   * ({@code byUserid}); {@code kind} LIKE or COMMENT.
   */
  public record Interaction(String momentId, String userid, String externalUserId, String byUserid, String kind,
      long time) {
  }

  private static final class State {
    Moment moment;
    /** userid → copy, in task order. */
    final LinkedHashMap<String, Copy> copies = new LinkedHashMap<>();
    final List<Interaction> interactions = new ArrayList<>();
  }

  private final SimCorp corp;
  private final Map<String, State> moments = new HashMap<>();
  private boolean seeded;
  private long sequence;
  private long modCount;

  SimMoments(SimCorp corp) {
    this.corp = corp;
  }

  // ---------------------------------------------------------------- seeding

  /** Seeds moments once (a no-op for a corp without customers or once seeded). */
  synchronized void seedIfNeeded(long randomSeed, long anchor) {
    if (seeded) {
      return;
    }
    seeded = true;
    List<String> staff = corp.followUserIds().stream().sorted().toList();
    if (staff.isEmpty()) {
      return;
    }
    SplittableRandom rng = new SplittableRandom(SimSeeder.mix(randomSeed ^ 0x6D6F6D656E7473L));
    String[] texts = {"新品上市，欢迎到店体验", "会员日全场 8 折", "护肤小课堂：换季保湿", "门店周末活动预告",
        "限时礼盒，先到先得", "顾客好评分享", "今日到店福利", "秋冬彩妆新品试色"};
    // corp moments: about one a week, every follow staff member has a task
    String admin = corp.staff().isEmpty() ? "" : corp.staff().get(0).userid();
    for (int w = 0; w < SEED_DAYS / 7; w++) {
      long created = anchor - (w * 7L + 1) * DAY - rng.nextLong(DAY);
      Moment m = new Moment(momentId(rng), admin, created, 0, rng.nextInt(4) == 0 ? 0 : 1,
          texts[rng.nextInt(texts.length)], List.of("WWCISP_seed" + w), null, null);
      State s = put(m);
      for (String userid : staff) {
        boolean published = rng.nextInt(100) < 85;
        long at = published ? Math.min(anchor, created + rng.nextLong(2 * DAY)) : 0;
        s.copies.put(userid, new Copy(m.momentId(), userid, published ? 1 : 0, at,
            published ? visible(m, userid, rng) : List.of()));
        if (published) {
          interactions(s, userid, at, anchor, rng);
        }
      }
    }
    // personal moments: 2 to 7 per staff member
    for (String userid : staff) {
      for (int i = 0, n = 2 + rng.nextInt(6); i < n; i++) {
        long created = anchor - 1 - rng.nextLong(SEED_DAYS * DAY);
        boolean link = rng.nextInt(3) == 0;
        Moment m = new Moment(momentId(rng), userid, created, 1, rng.nextInt(3) == 0 ? 0 : 1,
            texts[rng.nextInt(texts.length)], link ? List.of() : List.of("WWCISP_p" + i),
            link ? "品牌故事" : null, link ? "https://example.com/story" : null);
        State s = put(m);
        s.copies.put(userid, new Copy(m.momentId(), userid, 1, created, visible(m, userid, rng)));
        interactions(s, userid, created, anchor, rng);
      }
    }
    modCount++;
  }

  /**
   * Replaces the moments with {@code count} generated ones over the last {@code days} days before {@code anchor}
   * (benchmarks): every {@code corpEvery}-th a corp moment with tasks for {@code tasksPerCorpMoment} staff members
   * (each published with probability 0.85 within two days), the others personal moments of the staff in turn; each
   * published copy visible to the staff member's customers (all, or a part for a partial moment) and liked and
   * commented like the seed's. Deterministic for a given {@code randomSeed}.
   */
  public synchronized void generate(int count, int days, int corpEvery, int tasksPerCorpMoment, long randomSeed,
      long anchor) {
    if (count < 0 || days < 1 || corpEvery < 1 || tasksPerCorpMoment < 1) {
      throw new IllegalArgumentException("invalid moment generation");
    }
    moments.clear();
    seeded = true;
    List<String> staff = corp.followUserIds().stream().sorted().toList();
    if (staff.isEmpty()) {
      modCount++;
      return;
    }
    SplittableRandom rng = new SplittableRandom(SimSeeder.mix(randomSeed ^ 0x62656E63686D6F6DL));
    String admin = corp.staff().isEmpty() ? "" : corp.staff().get(0).userid();
    for (int i = 0; i < count; i++) {
      long created = anchor - 1 - rng.nextLong(days * DAY);
      if (i % corpEvery == 0) {
        Moment m = new Moment(momentId(rng), admin, created, 0, rng.nextInt(4) == 0 ? 0 : 1, "企业朋友圈 " + i,
            List.of("WWCISP_bench" + i), null, null);
        State s = put(m);
        int first = rng.nextInt(staff.size());
        for (int k = 0; k < Math.min(tasksPerCorpMoment, staff.size()); k++) {
          String userid = staff.get((first + k) % staff.size());
          boolean published = rng.nextInt(100) < 85;
          long at = published ? Math.min(anchor - 1, created + rng.nextLong(2 * DAY)) : 0;
          s.copies.put(userid, new Copy(m.momentId(), userid, published ? 1 : 0, at,
              published ? visible(m, userid, rng) : List.of()));
          if (published) {
            interactions(s, userid, at, anchor, rng);
          }
        }
      } else {
        String userid = staff.get(i % staff.size());
        Moment m = new Moment(momentId(rng), userid, created, 1, rng.nextInt(3) == 0 ? 0 : 1, "个人朋友圈 " + i,
            List.of("WWCISP_pb" + i), null, null);
        State s = put(m);
        s.copies.put(userid, new Copy(m.momentId(), userid, 1, created, visible(m, userid, rng)));
        interactions(s, userid, created, anchor, rng);
      }
    }
    modCount++;
  }

  private List<String> visible(Moment m, String userid, SplittableRandom rng) {
    List<String> friends = corp.followsOf(userid).stream().map(SimFollow::externalUserId).sorted().toList();
    if (m.visibleType() == 1) {
      return friends;
    }
    List<String> part = new ArrayList<>();
    for (String f : friends) {
      if (rng.nextBoolean()) {
        part.add(f);
      }
    }
    return part;
  }

  private static void interactions(State s, String userid, long published, long anchor, SplittableRandom rng) {
    long span = Math.max(1, Math.min(3 * DAY, anchor - published));
    for (String customer : s.copies.get(userid).visibleCustomers()) {
      int roll = rng.nextInt(1000);
      if (roll < 60) {
        s.interactions.add(new Interaction(s.moment.momentId(), userid, customer, null, LIKE,
            published + rng.nextLong(span)));
      }
      if (roll < 15 || roll >= 985) {
        s.interactions.add(new Interaction(s.moment.momentId(), userid, customer, null, COMMENT,
            published + rng.nextLong(span)));
      }
    }
    if (rng.nextInt(5) == 0) {
      s.interactions.add(new Interaction(s.moment.momentId(), userid, null, userid, COMMENT,
          published + rng.nextLong(span)));
    }
  }

  private static String momentId(SplittableRandom rng) {
    return "mom" + Long.toHexString(rng.nextLong() | Long.MIN_VALUE) + Long.toHexString(rng.nextLong() | 1L << 62);
  }

  private State put(Moment m) {
    State s = new State();
    s.moment = m;
    moments.put(m.momentId(), s);
    return s;
  }

  // ---------------------------------------------------------------- control

  /**
   * A staff member publishes a personal moment ({@code createType} 1, {@code creator} publishes at once) or the corp
   * creates a corp moment ({@code createType} 0) with a task for each of {@code taskUsers}; {@code publishAll}
   * publishes every task at once. {@code visibleCustomers} (optional) narrows the visible range (partial).
   */
  public synchronized Moment publish(String creator, int createType, String text, List<String> taskUsers,
      List<String> visibleCustomers, boolean publishAll, long nowSeconds) {
    if (createType != 0 && createType != 1) {
      throw new IllegalArgumentException("create_type must be 0 (corp) or 1 (personal)");
    }
    if (createType == 1 && (creator == null || corp.staff(creator).isEmpty())) {
      throw new IllegalArgumentException("a personal moment needs an existing creator (userid)");
    }
    List<String> users = createType == 1 ? List.of(creator) : taskUsers;
    if (users == null || users.isEmpty()) {
      throw new IllegalArgumentException("a corp moment needs userids (the staff who are to publish it)");
    }
    for (String u : users) {
      if (corp.staff(u).isEmpty()) {
        throw new IllegalArgumentException("no such staff member: " + u);
      }
    }
    boolean partial = visibleCustomers != null && !visibleCustomers.isEmpty();
    String id = "momsim" + corp.corpId().substring(Math.max(0, corp.corpId().length() - 4)) + "_" + (++sequence)
        + "_" + Long.toHexString(nowSeconds);
    Moment m = new Moment(id, creator == null ? "" : creator, nowSeconds, createType, partial ? 0 : 1,
        text == null ? "" : text, List.of(), null, null);
    State s = put(m);
    for (String u : users) {
      s.copies.put(u, new Copy(id, u, 0, 0, List.of()));
      if (createType == 1 || publishAll) {
        publishCopy(s, u, nowSeconds, visibleCustomers);
      }
    }
    modCount++;
    return m;
  }

  /** Staff member {@code userid} publishes its task of corp moment {@code momentId}. */
  public synchronized Copy publishTask(String momentId, String userid, long nowSeconds) {
    State s = require(momentId);
    Copy c = s.copies.get(userid);
    if (c == null) {
      throw new IllegalArgumentException(userid + " has no task for moment " + momentId);
    }
    if (c.publishStatus() == 0) {
      List<String> tags = taskTags.get(momentId);
      List<String> narrowed = null;
      if (tags != null && !tags.isEmpty()) {
        narrowed = corp.followsOf(userid).stream().filter(f -> f.tagIds().stream().anyMatch(tags::contains))
            .map(SimFollow::externalUserId).sorted().toList();
        if (narrowed.isEmpty()) {
          narrowed = List.of("\u0000none");   // tags given, none of the member's customers has one
        }
      }
      publishCopy(s, userid, nowSeconds, narrowed);
      modCount++;
    }
    return s.copies.get(userid);
  }

  private void publishCopy(State s, String userid, long now, List<String> narrowed) {
    Set<String> friends = new HashSet<>();
    corp.followsOf(userid).forEach(f -> friends.add(f.externalUserId()));
    List<String> visible = new ArrayList<>();
    if (narrowed != null && !narrowed.isEmpty()) {
      narrowed.stream().filter(friends::contains).distinct().forEach(visible::add);
    } else {
      friends.stream().sorted().forEach(visible::add);
    }
    s.copies.put(userid, new Copy(s.moment.momentId(), userid, 1, now, List.copyOf(visible)));
  }

  /**
   * Customer {@code externalUserId} likes or comments ({@code kind} LIKE or COMMENT) staff member {@code userid}'s
   * copy of a moment; without {@code userid}, the first published copy the customer can see.
   */
  public synchronized Interaction interact(String momentId, String externalUserId, String userid, String kind,
      long nowSeconds) {
    State s = require(momentId);
    if (externalUserId == null || externalUserId.isEmpty()) {
      throw new IllegalArgumentException("external_userid is required");
    }
    Copy copy = null;
    for (Copy c : s.copies.values()) {
      if (c.publishStatus() == 1 && (userid == null || userid.equals(c.userid()))
          && c.visibleCustomers().contains(externalUserId)) {
        copy = c;
        break;
      }
    }
    if (copy == null) {
      throw new IllegalArgumentException("customer " + externalUserId + " cannot see "
          + (userid == null ? "any published copy" : userid + "'s copy") + " of moment " + momentId);
    }
    if (kind.equals(LIKE)) {
      Copy target = copy;
      Optional<Interaction> liked = s.interactions.stream().filter(i -> i.kind().equals(LIKE)
          && externalUserId.equals(i.externalUserId()) && i.userid().equals(target.userid())).findFirst();
      if (liked.isPresent()) {
        return liked.get();   // a like is a like: liking twice changes nothing
      }
    }
    Interaction i = new Interaction(momentId, copy.userid(), externalUserId, null, kind, nowSeconds);
    s.interactions.add(i);
    modCount++;
    return i;
  }

  /** One moment with its copies and interactions, as a snapshot keeps it. */
  public record MomentData(Moment moment, List<Copy> copies, List<Interaction> interactions) {
  }

  /** The family's state for snapshots ({@link SimCorpSnapshot}). */
  public record Data(long sequence, List<MomentData> moments) {
  }

  synchronized Data export() {
    List<MomentData> out = new ArrayList<>();
    for (Moment m : moments()) {
      State s = moments.get(m.momentId());
      out.add(new MomentData(m, List.copyOf(s.copies.values()), List.copyOf(s.interactions)));
    }
    return new Data(sequence, out);
  }

  synchronized void restore(Data data) {
    moments.clear();
    seeded = true;
    sequence = data.sequence();
    for (MomentData d : data.moments() == null ? List.<MomentData>of() : data.moments()) {
      State s = put(d.moment());
      d.copies().forEach(c -> s.copies.put(c.userid(), c));
      s.interactions.addAll(d.interactions());
    }
    modCount++;
  }

  synchronized void clear() {
    moments.clear();
    jobs.clear();
    taskTags.clear();
    cancelled.clear();
    modCount++;
  }

  // ---------------------------------------------------------------- publishing (add_moment_task)

  /** The publishing settings: how long a job runs before it finishes, and WeCom's creation rate (per minute). */
  public record PublishSettings(long jobDelayMillis, int maxJobsPerMinute) {
  }

  /** An attachment of a publish job: {@code msgtype} image, video or link; a media id or a link. */
  public record JobAttachment(String msgtype, String mediaId, String title, String url) {
  }

  /**
   * One add_moment_task job. The result ({@code errcode}, {@code momentId}, the invalid parts of the visible range)
   * is fixed at creation and shown once the job finished ({@code doneAtMillis}, the family's clock).
   */
  public record Job(String jobid, long createdAtMillis, long doneAtMillis, String text,
      List<JobAttachment> attachments, List<String> senders, List<String> tags, List<String> invalidUsers,
      List<Long> invalidDepartments, List<String> invalidTags, int errcode, String momentId) {
  }

  /** An attachment file from media/upload_attachment (media_type image or video). */
  public record AttachmentMedia(String mediaId, String type, String filename, int size, long createdAtMillis) {
  }

  /** A job's progress: 1 started, 2 running, 3 finished. */
  public record JobStatus(Job job, int status) {
  }

  /** How long a jobid is answered. */
  static final long JOB_VALID_MILLIS = 24L * 3_600_000;

  private PublishSettings publishSettings = new PublishSettings(2_000, 10);
  private long clockOffsetMillis;
  private final LinkedHashMap<String, Job> jobs = new LinkedHashMap<>();
  private final LinkedHashMap<String, AttachmentMedia> attachmentMedia = new LinkedHashMap<>();
  private long jobSequence;
  private int loseAnswers;

  /**
   * The next {@code n} add_moment_task calls create their job and then answer errcode -1, as if the answer had been
   * lost on the way (the caller cannot tell whether the moment was created).
   */
  public synchronized void loseNextAnswers(int n) {
    loseAnswers = n;
  }

  /**
   * The next {@code n} add_moment_task calls answer errcode -1 without creating anything, as if the request had been
   * lost before WeCom acted (the caller cannot tell this case from a lost answer).
   */
  public synchronized void dropNextRequests(int n) {
    dropRequests = n;
  }

  private int dropRequests;

  synchronized boolean takeDroppedRequest() {
    if (dropRequests > 0) {
      dropRequests--;
      return true;
    }
    return false;
  }

  synchronized boolean takeLostAnswer() {
    if (loseAnswers > 0) {
      loseAnswers--;
      return true;
    }
    return false;
  }

  /** This family's clock (epoch millis): the wall clock plus what {@link #advanceClock} added. */
  public synchronized long now() {
    return System.currentTimeMillis() + clockOffsetMillis;
  }

  /** Moves this family's clock forward (jobs finish, jobids expire). */
  public synchronized void advanceClock(java.time.Duration by) {
    clockOffsetMillis += by.toMillis();
  }

  public synchronized PublishSettings publishSettings() {
    return publishSettings;
  }

  public synchronized void publishSettings(PublishSettings settings) {
    this.publishSettings = settings;
  }

  /** media/upload_attachment: records the file, answers its media id. */
  synchronized AttachmentMedia uploadAttachment(String type, String filename, int size) {
    AttachmentMedia m = new AttachmentMedia("att" + corp.corpId().hashCode() + "_" + (++jobSequence) + "_"
        + Long.toHexString(now()), type, filename, size, now());
    attachmentMedia.put(m.mediaId(), m);
    return m;
  }

  synchronized Optional<AttachmentMedia> attachmentMedia(String mediaId) {
    return Optional.ofNullable(mediaId == null ? null : attachmentMedia.get(mediaId));
  }

  /**
   * add_moment_task: resolves the visible range now (unknown userids, departments and tags are reported invalid in
   * the result; the senders are the known users plus the staff of the known departments, or every staff member
   * with customer contact when no sender list is given) and finishes after the configured delay. 41078 beyond the
   * creation rate; a job with no valid sender finishes with result errcode 40058.
   */
  synchronized Job addJob(String text, List<JobAttachment> attachments, List<String> users, List<Long> departments,
      List<String> tags) {
    long now = now();
    long recent = jobs.values().stream().filter(j -> j.createdAtMillis() > now - 60_000).count();
    if (recent >= publishSettings.maxJobsPerMinute()) {
      throw new WeComApiError(41078, "too many moment tasks created: at most " + publishSettings.maxJobsPerMinute()
          + " per minute");
    }
    java.util.LinkedHashSet<String> senders = new java.util.LinkedHashSet<>();
    List<String> invalidUsers = new ArrayList<>();
    List<Long> invalidDepartments = new ArrayList<>();
    for (String u : users) {
      if (corp.staff(u).isPresent()) {
        senders.add(u);
      } else {
        invalidUsers.add(u);
      }
    }
    for (Long d : departments) {
      if (corp.departments().stream().noneMatch(x -> x.id() == d)) {
        invalidDepartments.add(d);
      } else {
        corp.staff().stream().filter(s -> s.departments().contains(d)).forEach(s -> senders.add(s.userid()));
      }
    }
    if (users.isEmpty() && departments.isEmpty()) {
      corp.staff().stream().filter(SimStaff::customerContactEnabled).forEach(s -> senders.add(s.userid()));
    }
    List<String> validTags = new ArrayList<>();
    List<String> invalidTags = new ArrayList<>();
    for (String t : tags) {
      if (corp.tag(t).filter(x -> !x.deleted()).isPresent()) {
        validTags.add(t);
      } else {
        invalidTags.add(t);
      }
    }
    String jobid = "momjob" + corp.corpId().hashCode() + "_" + (++jobSequence) + "_" + Long.toHexString(now);
    int errcode = senders.isEmpty() ? 40058 : 0;
    String momentId = errcode == 0 ? "momtask" + Integer.toHexString(corp.corpId().hashCode()) + "_" + jobSequence
        + "_" + Long.toHexString(now) : null;
    Job job = new Job(jobid, now, now + publishSettings.jobDelayMillis(), text == null ? "" : text,
        List.copyOf(attachments), List.copyOf(senders), validTags, invalidUsers, invalidDepartments, invalidTags,
        errcode, momentId);
    jobs.put(jobid, job);
    modCount++;
    return job;
  }

  /** get_moment_task_result: the job and its status; 40058 for an unknown jobid or one older than 24 h. */
  synchronized JobStatus jobStatus(String jobid) {
    Job job = jobid == null ? null : jobs.get(jobid);
    long now = now();
    if (job == null || now - job.createdAtMillis() > JOB_VALID_MILLIS) {
      throw new WeComApiError(40058, "invalid jobid (unknown, or older than 24 hours): " + jobid);
    }
    settle();
    if (now >= job.doneAtMillis()) {
      return new JobStatus(job, 3);
    }
    return new JobStatus(job, now - job.createdAtMillis() < (job.doneAtMillis() - job.createdAtMillis()) / 2 ? 1 : 2);
  }

  /** The jobs so far, oldest first (control). */
  public synchronized List<Job> jobs() {
    settle();
    return List.copyOf(jobs.values());
  }

  /**
   * cancel_moment_task: the moment is withdrawn (its copies stop; it no longer appears in the lists). 41059 missing,
   * 41060 unknown moment.
   */
  synchronized void cancelTask(String momentId) {
    settle();
    if (momentId == null || momentId.isEmpty()) {
      throw new WeComApiError(41059, "moment_id missing");
    }
    State s = moments.get(momentId);
    if (s == null || s.moment.createType() != 0) {
      throw new WeComApiError(41060, "invalid moment id: " + momentId);
    }
    moments.remove(momentId);
    cancelled.add(momentId);
    modCount++;
  }

  /** Moments withdrawn by cancel_moment_task (control). */
  public synchronized boolean cancelled(String momentId) {
    return cancelled.contains(momentId);
  }

  private final Set<String> cancelled = new HashSet<>();

  /** Finished jobs become corp moments with a task (publish_status 0) per sender. */
  private void settle() {
    long now = now();
    for (Job job : jobs.values()) {
      if (job.errcode() == 0 && now >= job.doneAtMillis() && !moments.containsKey(job.momentId())
          && !cancelled.contains(job.momentId())) {
        List<String> images = job.attachments().stream().filter(a -> a.msgtype().equals("image"))
            .map(JobAttachment::mediaId).toList();
        JobAttachment link = job.attachments().stream().filter(a -> a.msgtype().equals("link")).findFirst()
            .orElse(null);
        Moment m = new Moment(job.momentId(), "", job.doneAtMillis() / 1000, 0, job.tags().isEmpty() ? 1 : 0,
            job.text(), images, link == null ? null : link.title(), link == null ? null : link.url());
        State s = put(m);
        for (String u : job.senders()) {
          s.copies.put(u, new Copy(m.momentId(), u, 0, 0, List.of()));
        }
        taskTags.put(m.momentId(), job.tags());
        modCount++;
      }
    }
  }

  /** Customer tags that narrow a task moment's visible range (any of them), by moment. */
  private final Map<String, List<String>> taskTags = new HashMap<>();

  // ---------------------------------------------------------------- reads

  /** Every moment, oldest first. */
  public synchronized List<Moment> moments() {
    settle();
    return moments.values().stream().map(s -> s.moment)
        .sorted(Comparator.comparingLong(Moment::createTime).thenComparing(Moment::momentId)).toList();
  }

  public synchronized Optional<Moment> moment(String momentId) {
    settle();
    State s = moments.get(momentId);
    return s == null ? Optional.empty() : Optional.of(s.moment);
  }

  /** The staff copies (tasks) of a moment, in task order. */
  public synchronized List<Copy> copies(String momentId) {
    return List.copyOf(require(momentId).copies.values());
  }

  /** The likes and comments on a moment, every copy. */
  public synchronized List<Interaction> interactions(String momentId) {
    return List.copyOf(require(momentId).interactions);
  }

  /** Every like and comment by a customer, on every copy of every moment (the full oracle, for benchmarks). */
  public synchronized List<Interaction> customerInteractions() {
    List<Interaction> out = new ArrayList<>();
    for (State s : moments.values()) {
      s.interactions.stream().filter(i -> i.externalUserId() != null).forEach(out::add);
    }
    return out;
  }

  /** The interactions on one staff copy; 41061 / 41062 when that member has no published copy. */
  synchronized List<Interaction> interactions(String momentId, String userid) {
    copy(momentId, userid);
    return require(momentId).interactions.stream().filter(i -> i.userid().equals(userid)).toList();
  }

  /** A published copy for the API: 41060 unknown moment, 41061 / 41062 when the member has none. */
  synchronized Copy copy(String momentId, String userid) {
    settle();
    State s = moments.get(momentId);
    if (s == null) {
      throw new WeComApiError(41060, "invalid moment id: " + momentId);
    }
    Copy c = userid == null ? null : s.copies.get(userid);
    if (c == null) {
      throw new WeComApiError(41061, "this user did not publish the moment: " + userid);
    }
    if (c.publishStatus() == 0) {
      throw new WeComApiError(41062, "the member has not published the corp moment yet: " + userid);
    }
    return c;
  }

  /**
   * The oracle: per customer, the number of distinct moments it liked or commented at or after
   * {@code sinceSeconds} (customers only; staff comments do not count).
   */
  public synchronized Map<String, Integer> interactionCounts(long sinceSeconds) {
    Map<String, Set<String>> seen = new TreeMap<>();
    for (State s : moments.values()) {
      for (Interaction i : s.interactions) {
        if (i.externalUserId() != null && i.time() >= sinceSeconds) {
          seen.computeIfAbsent(i.externalUserId(), k -> new HashSet<>()).add(i.momentId());
        }
      }
    }
    Map<String, Integer> counts = new TreeMap<>();
    seen.forEach((k, v) -> counts.put(k, v.size()));
    return counts;
  }

  public synchronized int count() {
    return moments.size();
  }

  synchronized long modCount() {
    return modCount;
  }

  private State require(String momentId) {
    settle();
    State s = moments.get(momentId);
    if (s == null) {
      throw new ControlFamily.NotFound("no such moment: " + momentId);
    }
    return s;
  }
}
