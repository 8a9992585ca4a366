"""The proceedings' pages: the harvest and its list, members' consent, exports."""
