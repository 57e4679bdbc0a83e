// 数据看板: placeholder until its page is built (docs/console.md).
export default {
  name: 'Page-dashboard',
  template: `<div><page-header title="数据看板"></page-header><a-empty description="此页面建设中"></a-empty></div>`,
};
