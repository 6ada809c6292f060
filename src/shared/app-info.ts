/** The app's name and version as providers see them (kept equal to package.json by a test). */
const APP_NAME = 'Spendwatch';
const APP_VERSION = '0.1.0';
/** Sent with every provider request, as OpenAI's own SDKs identify themselves. */
export const USER_AGENT = `${APP_NAME}/${APP_VERSION}`;
