// 客户详情: placeholder until its page is built (docs/console.md).
export default {
  name: 'Page-customer-detail',
  template: `<div><page-header title="客户详情"></page-header><a-empty description="此页面建设中"></a-empty></div>`,
};
