/** Where a command comes from (platform, channel, user), as the adapter knows it. */
export interface Origin {
  platform: string;
  channelId: string;
  userId: string;
  /** The Slack workspace (team id) or Discord server the channel is in, when there is one (workspace-wide sources). */
  workspaceId?: string;
  /**
   * Whether the user may change the channel's digest (Discord: Manage Channels; Slack: an admin or
   * the channel's creator). A function: it may cost a platform call, made only when it matters.
   */
  canManage: () => boolean | Promise<boolean>;
  /** Whether the user administers the workspace (Slack: SLACK_ADMIN_USER_IDS; Discord: Manage Server). */
  isAdmin?: () => boolean | Promise<boolean>;
}
