// A Vue 3 app: the template compiler is told that mahjar-* tags are custom elements (vite.config.ts),
// and @mahjar/widgets/vue types them for vue-tsc.
import '@mahjar/widgets/donate-button';
import type {} from '@mahjar/widgets/vue';
import { createApp } from 'vue';
import App from './App.vue';

createApp(App).mount('#app');
