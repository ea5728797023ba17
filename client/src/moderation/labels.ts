/** Words for the moderation screens: flag reasons and audit-log actions. */

export const REASON_LABELS: Record<string, string> = {
  spam: 'spam',
  abuse: 'abuse',
  off_topic: 'off topic',
  duplicate: 'duplicate',
  other: 'other',
};

const ACTIONS: Record<string, string> = {
  'suggestion.hide': 'hid a suggestion',
  'suggestion.unhide': 'unhid a suggestion',
  'suggestion.lock': 'locked a suggestion',
  'suggestion.unlock': 'unlocked a suggestion',
  'suggestion.delete': 'deleted a suggestion',
  'suggestion.approve': 'approved a held suggestion',
  'suggestion.reject': 'rejected a held suggestion',
  'reply.hide': 'hid a reply',
  'reply.unhide': 'unhid a reply',
  'reply.approve': 'approved a held reply',
  'reply.reject': 'rejected a held reply',
  'user.ban': 'banned a user',
  'user.unban': 'unbanned a user',
  'user.suspend': 'suspended a user',
  'user.unsuspend': 'lifted a suspension',
  'user.role': 'changed a role',
  'announcement.surge': 'set launch-surge mode',
  'flags.resolve': 'resolved flags',
  'flags.dismiss': 'dismissed flags',
};

/** "hid a reply"; an action this client does not know is shown as the server names it. */
export const actionLabel = (action: string): string => ACTIONS[action] ?? action;
