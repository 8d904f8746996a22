export { checkMessage, MAX_SMS_LENGTH, SmsError, type SmsMessage, type SmsSender, type SmsSent } from './message.ts';
export { createSmsSender, type SmsSenderOptions } from './sender.ts';
export { parseSmsUrl, type TwilioTarget } from './twilio.ts';
