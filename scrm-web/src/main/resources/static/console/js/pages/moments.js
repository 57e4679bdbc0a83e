// 朋友圈: placeholder until its page is built (docs/console.md).
export default {
  name: 'Page-moments',
  template: `<div><page-header title="朋友圈"></page-header><a-empty description="此页面建设中"></a-empty></div>`,
};
