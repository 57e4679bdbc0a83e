// 标签库: placeholder until its page is built (docs/console.md).
export default {
  name: 'Page-tags',
  template: `<div><page-header title="标签库"></page-header><a-empty description="此页面建设中"></a-empty></div>`,
};
