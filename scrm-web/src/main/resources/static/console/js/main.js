// Boots the console: dayjs in Chinese (Ant Design Vue's date pickers use it), Vue with the router, Ant Design Vue
// and the shared components. Docs: docs/console.md.
import App from './app.js';
import { router } from './router.js';
import { registerCommon } from './components/common.js';

for (const plugin of ['customParseFormat', 'weekday', 'localeData', 'weekOfYear', 'weekYear', 'advancedFormat',
  'quarterOfYear']) {
  dayjs.extend(window['dayjs_plugin_' + plugin]);
}
dayjs.locale('zh-cn');

const app = Vue.createApp(App);
app.config.errorHandler = (err, instance, info) => {
  console.error('界面错误（' + info + '）', err);
};
app.use(router);
app.use(antd);
registerCommon(app);
app.mount('#app');
