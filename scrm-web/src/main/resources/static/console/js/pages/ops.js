// 回调与同步: placeholder until its page is built (docs/console.md).
export default {
  name: 'Page-ops',
  template: `<div><page-header title="回调与同步"></page-header><a-empty description="此页面建设中"></a-empty></div>`,
};
