// 设置: placeholder until its page is built (docs/console.md).
export default {
  name: 'Page-settings',
  template: `<div><page-header title="设置"></page-header><a-empty description="此页面建设中"></a-empty></div>`,
};
