// 群发与SOP: placeholder until its page is built (docs/console.md).
export default {
  name: 'Page-campaigns',
  template: `<div><page-header title="群发与SOP"></page-header><a-empty description="此页面建设中"></a-empty></div>`,
};
