// 员工与继承: placeholder until its page is built (docs/console.md).
export default {
  name: 'Page-staff',
  template: `<div><page-header title="员工与继承"></page-header><a-empty description="此页面建设中"></a-empty></div>`,
};
