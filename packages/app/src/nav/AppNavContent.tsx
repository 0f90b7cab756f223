import { Sidebar, SidebarItem } from '@backstage/core-components';
import { NotificationsSidebarItem } from '@backstage/plugin-notifications';
import { NavContentComponentProps } from '@backstage/plugin-app-react';

/**
 * The sidebar: Backstage's default one (every page with a nav entry, in
 * order), except that the notifications entry is the notifications plugin's
 * own item, which shows the unread count and keeps it current through
 * signals.
 */
export function AppNavContent({ navItems }: NavContentComponentProps) {
  return (
    <Sidebar>
      {navItems.rest().map(item =>
        item.node.spec.id === 'page:notifications' ? (
          <NotificationsSidebarItem
            key={item.node.spec.id}
            text={item.title}
            icon={() => item.icon}
            // The count only: no pop-ups over the page for new notifications.
            snackbarProps={{ enabled: false }}
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
