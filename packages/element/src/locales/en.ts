// English, the source locale. Every text the element shows is here; kk, ru and az translate the same
// keys, and the Messages type makes a missing key (or a new failure code) a compile error.
import type { FailureCode } from '@pay-checkout/protocol';

type UiKey =
  | 'loading'
  | 'methods.legend'
  | 'method.card'
  | 'method.card.hint'
  | 'card.save'
  | 'savedCard.label'
  | 'savedCard.hint'
  | 'savedCard.remove'
  | 'savedCard.confirmRemove'
  | 'savedCard.keep'
  | 'method.kz_mobile'
  | 'method.kz_mobile.hint'
  | 'phone.label'
  | 'phone.error.empty'
  | 'phone.error.invalid'
  | 'operator.label'
  | 'operator.choose'
  | 'operator.error'
  | 'pay'
  | 'otp.heading'
  | 'otp.sent'
  | 'otp.label'
  | 'otp.confirm'
  | 'otp.checking'
  | 'otp.error.empty'
  | 'otp.error.short'
  | 'otp.wrong'
  | 'otp.expired'
  | 'otp.resend'
  | 'otp.resendIn'
  | 'otp.resendReady'
  | 'otp.resent'
  | 'otp.noResends'
  | 'otp.changeNumber'
  | 'redirecting'
  | 'processing.heading'
  | 'processing.body'
  | 'processing.sendingCode'
  | 'processing.pending'
  | 'processing.checkAgain'
  | 'processing.continue'
  | 'succeeded.heading'
  | 'succeeded.body'
  | 'failed.heading'
  | 'failed.providerReason'
  | 'failed.tryAgain'
  | 'failure.canceled'
  | 'failure.unknown'
  | 'expired.heading'
  | 'expired.body'
  | 'expired.return'
  | 'error.heading'
  | 'error.retry'
  // Shopper messages for error codes; several codes share one (see ERROR_MESSAGES in msg.ts).
  | 'error.request'
  | 'error.link'
  | 'error.notFound'
  | 'error.paid'
  | 'error.wait'
  | 'error.methodUnavailable'
  | 'error.noCodeExpected'
  | 'error.resendTooSoon'
  | 'error.providerUnavailable'
  | 'error.network'
  | 'error.redirectBlocked'
  | 'error.internal';

export type MessageKey = UiKey | `failure.${FailureCode}`;
export type Messages = Readonly<Record<MessageKey, string>>;

export const en: Messages = {
  loading: 'Loading checkout…',
  'methods.legend': 'Payment method',
  'method.card': 'Card',
  'method.card.hint': 'You will enter your card details on the secure page of {provider}.',
  'card.save': 'Save this card for next time',
  'savedCard.label': '{brand} •••• {last4}',
  'savedCard.hint': 'Pays at once with your saved card.',
  'savedCard.remove': 'Remove card',
  'savedCard.confirmRemove': 'Remove this card from your saved cards?',
  'savedCard.keep': 'Keep',
  'method.kz_mobile': 'Phone balance',
  'method.kz_mobile.hint': 'Pay from your mobile phone balance. We will text you a code to confirm.',
  'phone.label': 'Phone number',
  'phone.error.empty': 'Enter your phone number.',
  'phone.error.invalid': 'Enter a Kazakh mobile number: 10 digits after +7, starting with 7.',
  'operator.label': 'Mobile operator',
  'operator.choose': 'Choose your operator',
  'operator.error': 'Choose your mobile operator.',
  pay: 'Pay {amount}',
  'otp.heading': 'Enter the code from SMS',
  'otp.sent': 'We sent a code to {phone}.',
  'otp.label': 'SMS code',
  'otp.confirm': 'Confirm',
  'otp.checking': 'Checking the code…',
  'otp.error.empty': 'Enter the code from the SMS.',
  'otp.error.short': 'The code has 4 to 8 digits.',
  'otp.wrong': 'The code is wrong. Tries left: {n}.',
  'otp.expired': 'The code has expired. Ask for a new one.',
  'otp.resend': 'Send a new code',
  'otp.resendIn': 'New code in {time}',
  'otp.resendReady': 'You can ask for a new code now.',
  'otp.resent': 'We sent a new code to {phone}.',
  'otp.noResends': 'No more codes can be sent. Check the number or choose another way to pay.',
  'otp.changeNumber': 'Change number',
  redirecting: 'Redirecting you to {provider}…',
  'processing.heading': 'Payment processing',
  'processing.body': 'We are waiting for {provider} to confirm your payment. This page updates by itself.',
  'processing.sendingCode': 'We are sending a code to your phone. This page updates by itself.',
  'processing.pending': 'We have no final answer yet. Your payment may still go through; check again in a few minutes.',
  'processing.checkAgain': 'Check again',
  'processing.continue': 'Continue to {provider}',
  'succeeded.heading': 'Payment successful',
  'succeeded.body': '{amount} paid to {merchant}.',
  'failed.heading': 'Payment failed',
  'failed.providerReason': 'Reason given by {provider}: {reason}',
  'failed.tryAgain': 'Try again',
  'failure.card_declined': 'Your card was declined.',
  'failure.insufficient_funds': 'Your card has insufficient funds.',
  'failure.insufficient_balance': 'There is not enough money on your phone balance.',
  'failure.payment_declined': 'The operator declined the payment.',
  'failure.too_many_attempts': 'Too many wrong codes. The payment was canceled.',
  'failure.authentication_timed_out': 'The card verification timed out.',
  'failure.payment_expired': 'The payment expired before it was completed.',
  'failure.amount_mismatch': 'The amount charged did not match the order, so the payment was stopped.',
  'failure.provider_error': 'The payment provider could not process the payment.',
  'failure.canceled': 'The payment was canceled.',
  'failure.unknown': 'The payment could not be completed.',
  'expired.heading': 'This checkout has expired',
  'expired.body': 'Return to the shop to start a new checkout.',
  'expired.return': 'Return to {merchant}',
  'error.heading': 'Something went wrong',
  'error.retry': 'Retry',
  'error.request': 'The payment server could not accept this request. Please try again.',
  'error.link': 'This checkout link is not valid. Return to the shop and start again.',
  'error.notFound': 'We could not find this checkout. Return to the shop and start again.',
  'error.paid': 'This checkout has already been paid.',
  'error.wait': 'Please wait a moment and try again.',
  'error.methodUnavailable': 'This payment method is not available right now.',
  'error.noCodeExpected': 'This payment is no longer waiting for a code.',
  'error.resendTooSoon': 'A new code cannot be sent yet. Please wait a little.',
  'error.providerUnavailable': 'The payment provider cannot be reached right now. Please try again in a few minutes.',
  'error.network': 'We could not reach the payment server. Check your connection and try again.',
  'error.redirectBlocked': 'The payment page address is not on the approved list, so we did not open it.',
  'error.internal': 'Something went wrong on our side. Please try again.',
};

/** The keys in table order. The script-tag build stores each table as an array in this order. */
export const KEYS = Object.keys(en) as MessageKey[];
