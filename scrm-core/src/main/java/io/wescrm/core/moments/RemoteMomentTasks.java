package io.wescrm.core.moments;

import java.util.List;

/**
 * WeCom's 朋友圈 publishing for one corp: {@code media/upload_attachment}, {@code externalcontact/add_moment_task},
 * {@code get_moment_task_result} and {@code cancel_moment_task}. Implementations throw
 * {@link io.wescrm.core.remote.RemoteCallException} with WeCom's errcode (-1 for a transport failure or a timeout,
 * when the call may or may not have acted). add_moment_task is never retried: WeCom offers no way to look a job up
 * without its jobid, so a lost answer is the caller's to resolve ({@link PublishingMoments}).
 */
public interface RemoteMomentTasks {

  /** An attachment as add_moment_task takes it: image or video by media id, or a link (optional cover media id). */
  record Attachment(String msgtype, String mediaId, String title, String url) {
  }

  /**
   * An add_moment_task request. Empty {@code userids} and {@code departmentIds}: every member in the app's range
   * publishes; empty {@code tags}: every customer of each member sees it.
   */
  record Request(String text, List<Attachment> attachments, List<String> userids, List<Long> departmentIds,
      List<String> tags) {
  }

  /**
   * get_moment_task_result: {@code status} 1 started, 2 running, 3 finished; when finished, the job's
   * {@code errcode} (0: {@code momentId} set) and the parts of the visible range WeCom could not use.
   */
  record JobResult(int status, int errcode, String errmsg, String momentId, List<String> invalidUsers,
      List<Long> invalidDepartments, List<String> invalidTags) {

    public boolean finished() {
      return status == 3;
    }
  }

  /**
   * {@code media/upload_attachment} with attachment_type 1 (朋友圈): {@code mediaType} image or video.
   *
   * @return the media_id
   */
  String uploadAttachment(String mediaType, String fileName, byte[] content);

  /** {@code externalcontact/add_moment_task}: one attempt, never retried. @return the jobid (valid 24 h) */
  String addMomentTask(Request request);

  /** {@code externalcontact/get_moment_task_result} (GET); an unknown or expired jobid is refused. */
  JobResult momentTaskResult(String jobid);

  /** {@code externalcontact/cancel_moment_task}: the corp moment is withdrawn. */
  void cancelMomentTask(String momentId);
}
