/** Where a command comes from (platform, channel, user), as the adapter knows it. */
export interface Origin {
  platform: string;
  channelId: string;
  userId: string;
  /** The Slack workspace (team id) the channel is in, when the platform has workspaces. */
  workspaceId?: string;
  /**
   * Whether the user may change the channel's digest (Discord: Manage Channels; Slack: an admin or
   * the channel's creator). A function: it may cost a platform call, made only when it matters.
   */
  canManage: () => boolean | Promise<boolean>;
}
