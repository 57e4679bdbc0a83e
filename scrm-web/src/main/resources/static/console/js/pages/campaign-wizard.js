// 新建群发: placeholder until its page is built (docs/console.md).
export default {
  name: 'Page-campaign-wizard',
  template: `<div><page-header title="新建群发"></page-header><a-empty description="此页面建设中"></a-empty></div>`,
};
