// 客户: placeholder until its page is built (docs/console.md).
export default {
  name: 'Page-customers',
  template: `<div><page-header title="客户"></page-header><a-empty description="此页面建设中"></a-empty></div>`,
};
