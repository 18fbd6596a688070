"""GDPR rights of a citizen: everything the portal holds about them (articles 15 and 20) and the
deletion of their account (article 17). Sits above every app, since it reads and erases from all."""
