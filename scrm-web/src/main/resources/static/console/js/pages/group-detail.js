// 客户群详情: placeholder until its page is built (docs/console.md).
export default {
  name: 'Page-group-detail',
  template: `<div><page-header title="客户群详情"></page-header><a-empty description="此页面建设中"></a-empty></div>`,
};
