// 群发详情: placeholder until its page is built (docs/console.md).
export default {
  name: 'Page-campaign-detail',
  template: `<div><page-header title="群发详情"></page-header><a-empty description="此页面建设中"></a-empty></div>`,
};
