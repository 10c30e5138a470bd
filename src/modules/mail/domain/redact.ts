/** SMTP replies often quote the recipient: logs carry no address (docs/decisions/0006-mail.md). */
export function redactAddresses(text: string): string {
  return text.replace(/[^\s<>"'@]+@[^\s<>"']+/g, '[adresse]');
}
