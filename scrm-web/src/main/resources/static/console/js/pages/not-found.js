export default {
  name: 'NotFoundPage',
  template: `<a-result status="404" title="页面不存在" sub-title="请从左侧菜单选择要访问的页面">
    <template #extra><router-link to="/dashboard"><a-button type="primary">返回数据看板</a-button></router-link></template>
  </a-result>`,
};
