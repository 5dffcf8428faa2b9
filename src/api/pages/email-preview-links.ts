// Where the preview of an event's alert email lives: the events page and the provider page link here.

/** HTML preview of the email an event sends: /events/<id>/email. */
export function emailPreviewHref(eventId: string): string {
  return `/events/${encodeURIComponent(eventId)}/email`;
}

/** The same email's plain-text part: /events/<id>/email.txt. */
export function emailTextHref(eventId: string): string {
  return `${emailPreviewHref(eventId)}.txt`;
}
