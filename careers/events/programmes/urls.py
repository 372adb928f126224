backoffice = []
company = []
site = []
portal = []
