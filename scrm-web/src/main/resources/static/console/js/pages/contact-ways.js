// 渠道活码: placeholder until its page is built (docs/console.md).
export default {
  name: 'Page-contact-ways',
  template: `<div><page-header title="渠道活码"></page-header><a-empty description="此页面建设中"></a-empty></div>`,
};
