"""Views of the governance area: public pages, the members' area, management, OParl."""
