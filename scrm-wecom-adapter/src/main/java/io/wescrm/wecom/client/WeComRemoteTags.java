package io.wescrm.wecom.client;

import io.wescrm.core.corp.Tag;
import io.wescrm.core.corp.TagGroup;
import io.wescrm.core.remote.RemoteTags;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import me.chanjar.weixin.cp.bean.external.WxCpUserExternalTagGroupInfo;

/** {@link RemoteTags} over WxJava. */
final class WeComRemoteTags implements RemoteTags {

  static final String MARK_TAG = "externalcontact/mark_tag";
  static final String ADD_CORP_TAG = "externalcontact/add_corp_tag";
  static final String EDIT_CORP_TAG = "externalcontact/edit_corp_tag";
  static final String DEL_CORP_TAG = "externalcontact/del_corp_tag";

  private final WeComClient client;
  private final CallCounter counter = new CallCounter();

  WeComRemoteTags(WeComClient client) {
    this.client = client;
  }

  @Override
  public void markTag(String userid, String externalUserId, Collection<String> add, Collection<String> remove) {
    String[] adds = add.isEmpty() ? null : add.toArray(String[]::new);
    String[] removes = remove.isEmpty() ? null : remove.toArray(String[]::new);
    // setting tags is idempotent: a retry after a lost answer does no harm
    client.call(MARK_TAG, counter, wx -> wx.getExternalContactService().markTag(userid, externalUserId, adds, removes));
  }

  @Override
  public TagGroup addCorpTags(String groupId, String groupName, Long groupOrder, List<NewTag> tags) {
    WxCpUserExternalTagGroupInfo.TagGroup group = new WxCpUserExternalTagGroupInfo.TagGroup();
    group.setGroupId(groupId);
    group.setGroupName(groupName);
    group.setOrder(groupOrder);
    group.setTag(tags.stream().map(t -> {
      WxCpUserExternalTagGroupInfo.Tag tag = new WxCpUserExternalTagGroupInfo.Tag();
      tag.setName(t.name());
      tag.setOrder(t.order());
      return tag;
    }).toList());
    WxCpUserExternalTagGroupInfo request = new WxCpUserExternalTagGroupInfo();
    request.setTagGroup(group);
    // not idempotent: a retry after a lost answer would fail with 40071 (name exists) rather than duplicate
    WxCpUserExternalTagGroupInfo result = client.call(ADD_CORP_TAG, counter, false,
        wx -> wx.getExternalContactService().addCorpTag(request));
    WxCpUserExternalTagGroupInfo.TagGroup g = result.getTagGroup();
    List<Tag> created = g.getTag() == null ? List.of() : g.getTag().stream()
        .map(t -> new Tag(t.getId(), g.getGroupId(), t.getName(), t.getOrder() == null ? 0 : t.getOrder(),
            seconds(t.getCreateTime()))).toList();
    return new TagGroup(g.getGroupId(), g.getGroupName(), g.getOrder() == null ? 0 : g.getOrder(),
        seconds(g.getCreateTime()), created);
  }

  @Override
  public void editCorpTag(String id, String name, Long order) {
    client.call(EDIT_CORP_TAG, counter, wx -> wx.getExternalContactService().editCorpTag(id, name,
        order == null ? null : order.intValue()));
  }

  @Override
  public void deleteCorpTags(Collection<String> tagIds, Collection<String> groupIds) {
    client.call(DEL_CORP_TAG, counter, wx -> wx.getExternalContactService().delCorpTag(
        tagIds.isEmpty() ? null : tagIds.toArray(String[]::new),
        groupIds.isEmpty() ? null : groupIds.toArray(String[]::new)));
  }

  private static Instant seconds(Long epochSeconds) {
    return epochSeconds == null || epochSeconds == 0 ? null : Instant.ofEpochSecond(epochSeconds);
  }
}
