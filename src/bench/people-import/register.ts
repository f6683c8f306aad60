/** `node --import …/register.js`: installs hooks.ts in this process and its worker threads. */
import { register } from 'node:module';

register('./hooks.js', import.meta.url);
