export { invalidSetting, integerSetting, addressListSetting } from './env-settings';
