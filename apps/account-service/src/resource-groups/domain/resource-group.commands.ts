interface CommandBase {
  readonly subscriptionId: string;
  readonly name: string;
  readonly now: Date;
}

/** ARM PUT: create the group, or update its tags (absent tags: unchanged). */
export type PutResourceGroup = CommandBase & {
  readonly type: 'PutResourceGroup';
  readonly location?: string;
  readonly tags?: Readonly<Record<string, string>>;
};

export type DeleteResourceGroup = CommandBase & { readonly type: 'DeleteResourceGroup' };

export type ResourceGroupCommand = PutResourceGroup | DeleteResourceGroup;
