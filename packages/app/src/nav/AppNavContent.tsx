import { Sidebar, SidebarItem } from '@backstage/core-components';
import { NotificationsSidebarItem } from '@backstage/plugin-notifications';
import { NavContentComponentProps } from '@backstage/plugin-app-react';
import { Tag, TagGroup } from '@backstage/ui';
import { ReactNode } from 'react';

/** The count as the item shows it: 99 at most, then 99+. */
const shownCount = (unread: number) => (unread > 99 ? '99+' : String(unread));

/**
 * The notifications entry with its unread count. Its accessible name holds
 * what it shows ("Notifications 3 unread"), so screen reader and voice
 * control users get the count too (WCAG 2.5.3 Label in Name): the plugin's
 * own item names the link by its text alone (aria-label) while showing the
 * count beside it.
 */
export function NotificationsNavItem(props: {
  title: string;
  icon: ReactNode;
  unreadCount: number;
  to: string;
  onClick: () => void;
}) {
  const { title, icon, unreadCount, to, onClick } = props;
  const count = unreadCount > 0 ? shownCount(unreadCount) : undefined;
  return (
    <SidebarItem
      to={to}
      onClick={onClick}
      icon={() => <>{icon}</>}
      text={title}
      hasNotifications={Boolean(count)}
      aria-label={count ? `${title} ${count} unread` : title}
    >
      {/* The space keeps the title and the count two words for assistive
          technology reading the visible text. */}
      {count && ' '}
      {count && (
        <TagGroup aria-label="Unread notifications">
          <Tag size="small">{count}</Tag>
        </TagGroup>
      )}
    </SidebarItem>
  );
}

/**
 * The sidebar: Backstage's default one (every page with a nav entry, in
 * order), except that the notifications entry is the notifications plugin's
 * own item, which keeps the unread count current through signals, drawn by
 * NotificationsNavItem.
 */
export function AppNavContent({ navItems }: NavContentComponentProps) {
  return (
    <Sidebar>
      {navItems.rest().map(item =>
        item.node.spec.id === 'page:notifications' ? (
          <NotificationsSidebarItem
            key={item.node.spec.id}
            // The count only: no pop-ups over the page for new
            // notifications. With renderItem, the plugin passes none of its
            // own props on to the link (snackbarProps would otherwise land
            // on it as an unknown attribute).
            snackbarProps={{ enabled: false }}
            renderItem={({ unreadCount, to, onClick }) => (
              <NotificationsNavItem
                title={item.title}
                icon={item.icon}
                unreadCount={unreadCount}
                to={to}
                onClick={onClick}
              />
            )}
          />
        ) : (
          <SidebarItem
            key={item.node.spec.id}
            to={item.href}
            icon={() => item.icon}
            text={item.title}
          />
        ),
      )}
    </Sidebar>
  );
}
