// 编辑规则: placeholder until its page is built (docs/console.md).
export default {
  name: 'Page-rule-edit',
  template: `<div><page-header title="编辑规则"></page-header><a-empty description="此页面建设中"></a-empty></div>`,
};
