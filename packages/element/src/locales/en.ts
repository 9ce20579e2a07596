// English strings. Every key the element shows lives here; other locales (kk, ru, az) copy this table.
// The Messages type makes a missing FailureCode or error code a compile error.
import type { FailureCode } from '@pay-checkout/protocol';
import type { CheckoutErrorCode } from '../controllers/api-client.js';

type UiKey =
  | 'loading'
  | 'methods.legend'
  | 'method.card'
  | 'method.card.hint'
  | 'method.kz_mobile'
  | 'method.kz_mobile.hint'
  | 'phone.label'
  | 'phone.error.empty'
  | 'phone.error.invalid'
  | 'operator.label'
  | 'operator.none'
  | 'operator.change'
  | 'operator.choose'
  | 'operator.error'
  | 'otp.heading'
  | 'otp.sent'
  | 'otp.label'
  | 'otp.confirm'
  | 'otp.checking'
  | 'otp.error.empty'
  | 'otp.error.short'
  | 'otp.wrong.one'
  | 'otp.wrong.other'
  | 'otp.expired'
  | 'otp.resend'
  | 'otp.resendIn'
  | 'otp.resendReady'
  | 'otp.resent'
  | 'otp.noResends'
  | 'otp.changeNumber'
  | 'processing.sendingCode'
  | 'pay'
  | 'redirecting'
  | 'processing.heading'
  | 'processing.body'
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
  | 'error.heading'
  | 'error.retry';

export type MessageKey = UiKey | `failure.${FailureCode}` | `error.${CheckoutErrorCode}`;
export type Messages = Readonly<Record<MessageKey, string>>;

export const en: Messages = {
  loading: 'Loading checkout…',
  'methods.legend': 'Payment method',
  'method.card': 'Card',
  'method.card.hint': 'You will enter your card details on the secure page of {provider}.',
  'method.kz_mobile': 'Phone balance',
  'method.kz_mobile.hint': 'Pay from your mobile phone balance. We will text you a code to confirm.',
  'phone.label': 'Phone number',
  'phone.error.empty': 'Enter your phone number.',
  'phone.error.invalid': 'Enter a Kazakh mobile number: 10 digits after +7, starting with 7.',
  'operator.label': 'Operator:',
  'operator.none': 'not chosen',
  'operator.change': 'Change',
  'operator.choose': 'Choose',
  'operator.error': 'Choose your mobile operator.',
  'otp.heading': 'Enter the code from SMS',
  'otp.sent': 'We sent a code to {phone}.',
  'otp.label': 'SMS code',
  'otp.confirm': 'Confirm',
  'otp.checking': 'Checking the code…',
  'otp.error.empty': 'Enter the code from the SMS.',
  'otp.error.short': 'The code has 4 to 8 digits.',
  'otp.wrong.one': 'The code is wrong. {n} try left.',
  'otp.wrong.other': 'The code is wrong. {n} tries left.',
  'otp.expired': 'The code has expired. Ask for a new one.',
  'otp.resend': 'Send a new code',
  'otp.resendIn': 'New code in {time}',
  'otp.resendReady': 'You can ask for a new code now.',
  'otp.resent': 'We sent a new code to {phone}.',
  'otp.noResends': 'No more codes can be sent. Check the number or choose another way to pay.',
  'otp.changeNumber': 'Change number',
  'processing.sendingCode': 'We are sending a code to your phone. This page updates by itself.',
  pay: 'Pay {amount}',
  redirecting: 'Redirecting you to {provider}…',
  'processing.heading': 'Payment processing',
  'processing.body': 'We are waiting for {provider} to confirm your payment. This page updates by itself.',
  'processing.pending':
    'We have not received a final answer yet. Your payment may still go through; check again in a few minutes.',
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
  'failure.too_many_attempts': 'Too many wrong codes. The payment was cancelled.',
  'failure.authentication_timed_out': 'The card verification timed out.',
  'failure.payment_expired': 'The payment expired before it was completed.',
  'failure.amount_mismatch': 'The amount charged did not match the order, so the payment was stopped.',
  'failure.provider_error': 'The payment provider could not process the payment.',
  'failure.canceled': 'The payment was canceled.',
  'failure.unknown': 'The payment could not be completed.',
  'expired.heading': 'This checkout has expired',
  'expired.body': 'Return to the shop to start a new checkout.',
  'error.heading': 'Something went wrong',
  'error.retry': 'Retry',
  // API error codes (protocol ErrorCode)
  'error.invalid_request': 'The payment server could not accept this request.',
  'error.unsupported_media_type': 'The payment server could not accept this request.',
  'error.payload_too_large': 'The payment server could not accept this request.',
  'error.unauthorized': 'This checkout link is not valid. Return to the shop and start again.',
  'error.not_found': 'We could not find this checkout. Return to the shop and start again.',
  'error.session_not_found': 'We could not find this checkout. Return to the shop and start again.',
  'error.session_expired': 'This checkout has expired.',
  'error.session_completed': 'This checkout has already been paid.',
  'error.payment_not_found': 'We could not find this payment.',
  'error.idempotency_key_required': 'The payment request was incomplete. Please try again.',
  'error.idempotency_key_reused': 'This payment attempt was already used. Please try again to start a new one.',
  'error.idempotency_key_in_use': 'Your payment is still being set up. Please wait a moment and try again.',
  'error.method_not_available': 'This payment method is not available right now.',
  'error.invalid_signature': 'The payment server could not accept this request.',
  'error.otp_not_expected': 'This payment is no longer waiting for a code.',
  'error.payment_not_cancelable': 'This payment can no longer be cancelled.',
  'error.resend_not_available': 'A new code cannot be sent yet. Please wait a little.',
  'error.resend_limit_reached': 'No more codes can be sent. Check the number or choose another way to pay.',
  'error.too_many_attempts': 'Too many wrong codes were entered for this payment.',
  'error.provider_error': 'The payment provider returned an error. Please try again.',
  'error.provider_unavailable': 'The payment provider cannot be reached right now. Please try again in a few minutes.',
  'error.rate_limited': 'Too many attempts. Please wait a moment and try again.',
  'error.internal_error': 'Something went wrong on our side. Please try again.',
  // Errors the element detects itself
  'error.network_error': 'We could not reach the payment server. Check your connection and try again.',
  'error.timeout': 'The payment server took too long to answer. Please try again.',
  'error.bad_response': 'The payment server sent an unexpected answer. Please try again.',
  'error.redirect_blocked': 'The payment page address is not on the approved list, so we did not open it.',
  'error.invalid_client_secret': 'This checkout is not set up correctly (invalid client secret).',
  'error.aborted': 'The request was interrupted. Please try again.',
};
