// 客户群: placeholder until its page is built (docs/console.md).
export default {
  name: 'Page-groups',
  template: `<div><page-header title="客户群"></page-header><a-empty description="此页面建设中"></a-empty></div>`,
};
