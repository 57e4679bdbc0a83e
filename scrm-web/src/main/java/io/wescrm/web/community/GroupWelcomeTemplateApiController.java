package io.wescrm.web.community;

import io.wescrm.core.community.GroupWelcomeContent;
import io.wescrm.core.community.GroupWelcomeTemplate;
import io.wescrm.core.community.GroupWelcomeTemplateManagement;
import io.wescrm.web.api.KnownCorps;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Group welcome templates (入群欢迎语素材): text with %NICKNAME% and one attachment. */
@RestController
@RequestMapping("/api/corps/{corpId}/group-welcome-templates")
class GroupWelcomeTemplateApiController {

  /** The request body (null fields of an update keep the stored value). */
  record TemplateRequest(@Size(max = 64, message = "不能超过 64 个字符") String name, GroupWelcomeContent content,
      Boolean notifyOwners) {

    GroupWelcomeTemplateManagement.Command command() {
      return new GroupWelcomeTemplateManagement.Command(name, content, notifyOwners);
    }
  }

  private final KnownCorps corps;
  private final GroupWelcomeTemplateManagement templates;

  GroupWelcomeTemplateApiController(KnownCorps corps, GroupWelcomeTemplateManagement templates) {
    this.corps = corps;
    this.templates = templates;
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  GroupWelcomeTemplate create(@PathVariable String corpId, @Valid @RequestBody TemplateRequest request) {
    corps.require(corpId);
    return templates.create(corpId, request.command());
  }

  @GetMapping
  List<GroupWelcomeTemplate> list(@PathVariable String corpId) {
    corps.require(corpId);
    return templates.list(corpId);
  }

  @GetMapping("/{id}")
  GroupWelcomeTemplate get(@PathVariable String corpId, @PathVariable long id) {
    corps.require(corpId);
    return templates.find(corpId, id);
  }

  @PutMapping("/{id}")
  GroupWelcomeTemplate update(@PathVariable String corpId, @PathVariable long id,
      @Valid @RequestBody TemplateRequest request) {
    corps.require(corpId);
    return templates.update(corpId, id, request.command());
  }

  @DeleteMapping("/{id}")
  Map<String, Object> delete(@PathVariable String corpId, @PathVariable long id) {
    corps.require(corpId);
    templates.delete(corpId, id);
    return Map.of("id", id, "deleted", true, "message", "入群欢迎语已删除");
  }

  /** WeCom's copy (group_welcome_template/get). */
  @GetMapping("/{id}/wecom")
  GroupWelcomeContent wecom(@PathVariable String corpId, @PathVariable long id) {
    corps.require(corpId);
    return templates.remoteView(corpId, id);
  }
}
